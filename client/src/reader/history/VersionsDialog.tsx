// "Versions": the room's text's versions (who uploaded each, when, how many blocks), to read one or compare two, and
// for owners and instructors the way to upload a new one.
import { useEffect, useState } from "react";
import { api, type VersionSummaryDto } from "../../api/http.ts";
import { comparePath, versionPath, type Navigate } from "../../routes.ts";
import { BottomSheet } from "../chrome/BottomSheet.tsx";

type Listing =
  | { state: "loading" }
  | { state: "failed"; message: string }
  | { state: "ready"; versions: VersionSummaryDto[] };

const dateOf = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: "medium" });

/** Modal list of the versions of `documentId`; reading or comparing goes to the history's own address. */
export function VersionsDialog(props: {
  groupId: string;
  roomId: string;
  documentId: string;
  /** The version the room reads. */
  roomVersion: number;
  navigate: Navigate;
  /** Offers "Upload a new version" (owners and instructors), which replaces this dialog. */
  onUpload?: () => void;
  onClose: () => void;
}) {
  const [listing, setListing] = useState<Listing>({ state: "loading" });
  const [from, setFrom] = useState(0);
  const [to, setTo] = useState(0);
  useEffect(() => {
    let live = true;
    api.document(props.documentId).then(
      ({ document }) => {
        if (!live) return;
        setListing({ state: "ready", versions: document.versions });
        const latest = document.versions.at(-1)?.number ?? 1;
        setTo(latest);
        setFrom(latest === props.roomVersion ? Math.max(1, latest - 1) : props.roomVersion);
      },
      (error: Error) => live && setListing({ state: "failed", message: error.message }),
    );
    return () => {
      live = false;
    };
  }, [props.documentId, props.roomVersion]);
  const go = (path: string) => {
    props.onClose();
    props.navigate(path);
  };

  return (
    <BottomSheet title="Versions of this text" variant="dialog" onClose={props.onClose}>
      {props.onUpload && (
        <p>
          <button type="button" className="button" aria-haspopup="dialog" onClick={props.onUpload}>
            Upload a new version
          </button>
        </p>
      )}
      {listing.state === "loading" && <p className="muted">Loading the versions…</p>}
      {listing.state === "failed" && (
        <p className="error" role="alert">
          {listing.message}
        </p>
      )}
      {listing.state === "ready" && (
        <>
          <ol className="version-list" aria-label="Versions">
            {[...listing.versions].reverse().map((version) => (
              <li key={version.number}>
                <div>
                  <strong>Version {version.number}</strong>
                  {version.number === props.roomVersion && (
                    <span className="badge"> the room reads this one</span>
                  )}
                  <br />
                  <span className="muted">
                    {dateOf(version.createdAt)}
                    {version.createdBy ? `, by ${version.createdBy.name}` : ""} · {version.blockCount}{" "}
                    {version.blockCount === 1 ? "block" : "blocks"}
                  </span>
                </div>
                <a
                  className="button quiet"
                  href={versionPath(props.groupId, props.roomId, version.number)}
                  onClick={(event) => {
                    event.preventDefault();
                    go(versionPath(props.groupId, props.roomId, version.number));
                  }}
                >
                  Read<span className="sr-only"> version {version.number}</span>
                </a>
              </li>
            ))}
          </ol>
          {listing.versions.length > 1 ? (
            <form
              className="version-compare"
              onSubmit={(event) => {
                event.preventDefault();
                go(comparePath(props.groupId, props.roomId, from, to));
              }}
            >
              <VersionSelect
                label="Compare version"
                numbers={listing.versions.map((version) => version.number)}
                value={from}
                onChange={setFrom}
              />{" "}
              <VersionSelect
                label="with version"
                numbers={listing.versions.map((version) => version.number)}
                value={to}
                onChange={setTo}
              />{" "}
              <button type="submit" className="button" disabled={from === to}>
                Compare
              </button>
            </form>
          ) : (
            <p className="muted">This text has one version so far.</p>
          )}
        </>
      )}
    </BottomSheet>
  );
}

/** A labelled choice of one version number. */
function VersionSelect(props: {
  label: string;
  numbers: number[];
  value: number;
  onChange: (value: number) => void;
}) {
  return (
    <label>
      {props.label}{" "}
      <select value={props.value} onChange={(event) => props.onChange(Number(event.target.value))}>
        {props.numbers.map((number) => (
          <option key={number} value={number}>
            {number}
          </option>
        ))}
      </select>
    </label>
  );
}
