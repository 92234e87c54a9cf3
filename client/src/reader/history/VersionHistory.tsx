// The history of a room's text: one version read-only, or two versions compared, each under a banner naming the
// version the room reads, with a way back to the room.
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { isBodyText } from "../../../../shared/schemas/documents.ts";
import { api, type Block, type RoomDto, type VersionComparisonDto } from "../../api/http.ts";
import { Comparison } from "../../components/comparison/Comparison.tsx";
import { comparePath, readerPath, versionPath, type Navigate } from "../../routes.ts";
import { findRoom } from "../load-text.ts";

/** What the history shows: a version, or a comparison of two. */
export type HistoryView = { version: number } | { from: number; to: number };

type Loaded =
  | { state: "loading" }
  | { state: "failed"; message: string }
  | { state: "version"; room: RoomDto; blocks: Block[] }
  | { state: "compare"; room: RoomDto; comparison: VersionComparisonDto; blocks: Block[] };

/** Loads the room, then the version or the comparison (with the newer side's blocks, to unfold unchanged runs). */
async function load(groupId: string, roomId: string, view: HistoryView): Promise<Loaded> {
  const numbers = "version" in view ? [view.version] : [view.from, view.to];
  if (!numbers.every((number) => Number.isInteger(number) && number >= 1))
    throw new Error(
      "This address does not name a version of the text: versions are numbered 1, 2, 3 and on.",
    );
  const room = await findRoom(groupId, roomId);
  const documentId = room.document.id;
  if ("version" in view) {
    const { version } = await api.version(documentId, view.version);
    return { state: "version", room, blocks: version.blocks };
  }
  const [{ comparison }, { version }] = await Promise.all([
    api.compareVersions(documentId, view.from, view.to),
    api.version(documentId, view.to),
  ]);
  return { state: "compare", room, comparison, blocks: version.blocks };
}

/** The screen for /groups/:groupId/rooms/:roomId/versions/:n and …/compare/:from/:to. */
export function VersionHistory(props: {
  groupId: string;
  roomId: string;
  view: HistoryView;
  navigate: Navigate;
}) {
  const { groupId, roomId, view } = props;
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  // The numbers, not the object (the app makes a new one each render), say when to load again.
  const version = "version" in view ? view.version : null;
  const from = "from" in view ? view.from : null;
  const to = "to" in view ? view.to : null;
  useEffect(() => {
    let live = true;
    setLoaded({ state: "loading" });
    load(groupId, roomId, version !== null ? { version } : { from: from!, to: to! }).then(
      (result) => live && setLoaded(result),
      (error: Error) => live && setLoaded({ state: "failed", message: error.message }),
    );
    return () => {
      live = false;
    };
  }, [groupId, roomId, version, from, to]);
  const textById = useMemo(
    () =>
      new Map(loaded.state === "compare" ? loaded.blocks.map((block) => [block.anchorId, block.text]) : []),
    [loaded],
  );
  useEffect(() => {
    if (loaded.state === "version" || loaded.state === "compare")
      document.title = `${loaded.room.document.title} · history · Scholia`;
  }, [loaded]);

  /** A link within the app: the address in its href, the router's navigation on a click. */
  const link = (path: string, label: ReactNode) => (
    <a
      href={path}
      onClick={(event) => {
        event.preventDefault();
        props.navigate(path);
      }}
    >
      {label}
    </a>
  );
  const back = link(readerPath(groupId, roomId), "← Back to the room");
  if (loaded.state === "loading")
    return (
      <main className="page version-page" id="main" aria-busy="true">
        <p className="muted">Opening the text’s history…</p>
      </main>
    );
  if (loaded.state === "failed")
    return (
      <main className="page version-page" id="main">
        <h1>Cannot open this version</h1>
        <p role="alert">{loaded.message}</p>
        {back}
      </main>
    );

  const { room } = loaded;
  const banner = (title: ReactNode) => (
    <div className="version-banner" role="status">
      <p>
        <strong>{title}</strong> — the room reads version {room.version}.
      </p>
      {back}
    </div>
  );
  if (loaded.state === "version") {
    return (
      <main className="page version-page" id="main" aria-label={`${room.document.title}, version ${version}`}>
        {banner(`Version ${version}`)}
        {version !== room.version && (
          <p className="version-switch">
            {link(
              comparePath(
                groupId,
                roomId,
                Math.min(room.version, version!),
                Math.max(room.version, version!),
              ),
              `Compare with version ${room.version}, the room's`,
            )}
          </p>
        )}
        <VersionText blocks={loaded.blocks} />
      </main>
    );
  }
  const { comparison } = loaded;
  return (
    <main
      className="page version-page"
      id="main"
      aria-label={`${room.document.title}: version ${comparison.from} compared with version ${comparison.to}`}
    >
      {banner(`Version ${comparison.from} compared with version ${comparison.to}`)}
      <p className="version-switch">
        {link(versionPath(groupId, roomId, comparison.to!), `Read version ${comparison.to}`)} ·{" "}
        {link(comparePath(groupId, roomId, comparison.to!, comparison.from), "Compare the other way")}
      </p>
      <Comparison comparison={comparison} textOf={(anchorId) => textById.get(anchorId)} />
    </main>
  );
}

/** A version's blocks as plain reading text: title, author, headings and paragraphs, nothing to annotate. */
export function VersionText(props: { blocks: readonly Block[] }) {
  return (
    <article className="version-text">
      {props.blocks.map((block) => {
        if (block.kind === "title") return <h1 key={block.anchorId}>{block.text}</h1>;
        if (block.kind === "heading") return <h2 key={block.anchorId}>{block.text}</h2>;
        return (
          <p key={block.anchorId} className={isBodyText(block.kind) ? undefined : `kind-${block.kind}`}>
            {block.text}
          </p>
        );
      })}
    </article>
  );
}
