// The reader's composition: the room's documents and the reader's state wired to the text, the margin (a bottom
// sheet on narrow screens) and the chrome around them.
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useState } from "react";
import { compactBarQuery, noContentsColumnQuery, useMediaQuery } from "../components/use-media-query.ts";
import { useGroupMembers } from "../components/mentions/members.ts";
import { NotificationBell } from "../notifications/NotificationBell.tsx";
import { useConnection, useGroupRoomClient, useRoomClient, useSynced } from "../realtime/use-room-client.ts";
import { readerPath, type Navigate } from "../routes.ts";
import { usePrivateNotes } from "../realtime/use-private-notes.ts";
import type { SessionUser } from "../session.ts";
import { BottomSheet } from "./chrome/BottomSheet.tsx";
import { ConnectionNotice } from "./chrome/ConnectionNotice.tsx";
import { HiddenUntilPostedNotice } from "./chrome/HiddenUntilPostedNotice.tsx";
import { HiddenUntilPostedBadge, RoomSettingsPanel } from "./settings/RoomSettings.tsx";
import { Contents } from "./chrome/Contents.tsx";
import { ContentsDialog } from "./chrome/ContentsDialog.tsx";
import { DensityStrip } from "./chrome/DensityStrip.tsx";
import { FilterBar } from "./chrome/FilterBar.tsx";
import { LinkNotice } from "./chrome/LinkNotice.tsx";
import { MoreMenu } from "./chrome/MoreMenu.tsx";
import { ReaderBar } from "./chrome/ReaderBar.tsx";
import { UnsavedChanges } from "./chrome/UnsavedChanges.tsx";
import { AttachNotice } from "./chrome/AttachNotice.tsx";
import { VersionNotice } from "./chrome/VersionNotice.tsx";
import { useFocusActive } from "./hooks/use-focus-active.ts";
import { useKeyboardShortcuts } from "./hooks/use-keyboard-shortcuts.ts";
import { lastRowAbove, readingLine } from "./hooks/use-row-at-reading-line.ts";
import { useLiveText } from "./hooks/use-live-text.ts";
import { useReattach } from "./hooks/use-reattach.ts";
import { useNarrow } from "./hooks/use-narrow.ts";
import { useBlockAboveSheet } from "./hooks/use-block-above-sheet.ts";
import { useCoveredTop } from "./hooks/use-covered-top.ts";
import { usePlaceAcrossReloads } from "./hooks/use-place-across-reloads.ts";
import { usePlaceAcrossWidths } from "./hooks/use-place-across-widths.ts";
import { useReaderCommands } from "./hooks/use-reader-commands.ts";
import { useThreadLink } from "./hooks/use-thread-link.ts";
import { FollowBanner } from "./people/FollowBanner.tsx";
import { goToBlock } from "./people/go-to-block.ts";
import { PeopleBar } from "./people/PeopleBar.tsx";
import { useReaderPeople } from "./people/use-reader-people.ts";
import { AssignmentPanel } from "./assignment/AssignmentPanel.tsx";
import { useRoomState } from "./assignment/use-room-state.ts";
import { AnalyticsPanel } from "./analytics/AnalyticsPanel.tsx";
import { createHeatStore, HeatStoreContext } from "./analytics/heat-store.ts";
import { ReadingTimeNote } from "./analytics/ReadingTimeNote.tsx";
import { useRoomAnalytics } from "./analytics/use-room-analytics.ts";
import { ExportDialog } from "./export/ExportDialog.tsx";
import { NewVersionDialog } from "./history/NewVersionDialog.tsx";
import { RoomVersionContext } from "./history/room-version.ts";
import { VersionsDialog } from "./history/VersionsDialog.tsx";
import type { LoadedText } from "./load-text.ts";
import type { Anchor } from "../../../shared/room-doc.ts";
import { BlockDiscussion } from "./margin/BlockDiscussion.tsx";
import { blockNoun } from "./text/BlockRow.tsx";
import { blockToolOf } from "./dom-ids.ts";
import { DetachedThreads } from "./margin/DetachedThreads.tsx";
import { Margin } from "./margin/Margin.tsx";
import { marginTargetOf } from "./margin/margin-target.ts";
import { activityPanelName, canLead, canResolve, PermissionsContext, permissionsFor } from "./permissions.ts";
import { useHiddenTextLoader } from "./state/hidden-text.ts";
import { useThreadMarkdownLoader } from "./state/thread-markdown.ts";
import { useFollowedThreads } from "./state/followed-threads.ts";
import { createHighlightBus } from "./state/highlight-bus.ts";
import { ReaderServices } from "./state/ReaderServices.tsx";
import type { KeyCommand } from "./state/keyboard.ts";
import { noFilters } from "./state/filters.ts";
import { useSections } from "./hooks/use-sections.ts";
import { initialReaderState, readerReducer } from "./state/reader-state.ts";
import { findThread, indexBlocks, type ViewThread } from "./state/thread-view.ts";
import { useReaderThreads } from "./state/use-reader-threads.ts";
import { useThreadActions } from "./state/use-thread-actions.ts";
import { provideStatus } from "./state/status-context.tsx";
import { useUnsavedChanges } from "./state/use-unsaved-changes.ts";
import { AnnotateButton } from "./text/AnnotateButton.tsx";
import { DocumentText } from "./text/DocumentText.tsx";
import { withDraftHighlight } from "./text/draft-highlight.ts";

/** A block in the margin for a draft or a note only: the same empty list each time, so its discussion stays put. */
const noThreads: ViewThread[] = [];

export interface ReaderViewProps {
  groupId: string;
  roomId: string;
  /** The thread the address names. */
  threadId: string | null;
  user: SessionUser;
  text: LoadedText;
  /** Replaces the text: the room moved to another version of it while the reader was open. */
  onText: (text: LoadedText) => void;
  navigate: Navigate;
}

/** The reader of one room's text, once the text is loaded. */
export function ReaderView(props: ReaderViewProps) {
  const { user, text, roomId } = props;
  const { blocks } = text;
  const roomState = useRoomState(roomId);
  // The rooms list said it first; the state fetched for the assignment follows later changes.
  const archived = roomState.state?.archived ?? text.settings?.archived ?? false;
  const permissions = useMemo(() => permissionsFor(text.role, archived), [text.role, archived]);
  const me = useMemo(() => ({ id: user.id, name: user.displayName }), [user.id, user.displayName]);
  // The group's document, or this reader's veiled view of it while the room hides the class's threads from them.
  const { client, veiled, veiledBecause } = useGroupRoomClient(roomId, me);
  const [roomSettings, setRoomSettings] = useState(
    text.settings ?? { hideUntilPosted: false, instructorThreadsVisible: true, archived: false },
  );
  // Instructors and owners also hold the room's second document: threads only they can see.
  const staffClient = useRoomClient(roomId, me, "instructors", permissions.teach);
  const connection = useConnection(client);

  const notes = usePrivateNotes(roomId, user.id);
  const members = useGroupMembers(props.groupId, user.id);
  const sections = useSections(props.groupId, permissions.moderate);
  const narrowWindow = useNarrow();
  const [state, dispatch] = useReducer(readerReducer, narrowWindow, initialReaderState);
  useLayoutEffect(() => dispatch({ type: "resize", narrow: narrowWindow }), [narrowWindow]);
  const { narrow, activeId, draft, sheetBlock, noteOpen, replyTo } = state;
  /** The block the bottom sheet is open on, where the window is narrow enough for one. */
  const shownSheetBlock = narrow ? sheetBlock : null;
  const live = useLiveText(text, [client, staffClient], props.onText, draft !== null);
  const index = useMemo(() => indexBlocks(blocks, text.room.version), [blocks, text.room.version]);
  const threads = useReaderThreads(client, staffClient, index, state.filters, user.id, permissions.moderate);
  const announce = useCallback((message: string) => dispatch({ type: "announce", message }), []);
  const { actions, createThread } = useThreadActions(
    client,
    staffClient,
    threads.all,
    announce,
    text.room.version,
  );
  const followed = useFollowedThreads(roomId, announce);
  const unsaved = useUnsavedChanges(client, staffClient, threads.revision, announce);
  const [bus] = useState(createHighlightBus);
  const [exporting, setExporting] = useState(false);
  const [contentsOpen, setContentsOpen] = useState(false);
  const [history, setHistory] = useState<"versions" | "upload" | null>(null);
  const [analyzing, setAnalyzing] = useState(false);
  const [heatStore] = useState(createHeatStore);
  // Asked for while the panel is open; the heat map keeps what was loaded (it is the teachers': members see a panel).
  const analytics = useRoomAnalytics(roomId, analyzing);
  const shownAnalytics =
    analytics.state === "ready" || analytics.state === "loading" ? analytics.analytics : undefined;
  useEffect(
    () => heatStore.setParagraphs(shownAnalytics?.scope === "everyone" ? shownAnalytics.paragraphs : null),
    [heatStore, shownAnalytics],
  );
  const compactBar = useMediaQuery(compactBarQuery);
  const noContentsColumn = useMediaQuery(noContentsColumnQuery);
  const panelName = activityPanelName(permissions);
  const loadHidden = useHiddenTextLoader(roomId, threads.all);
  const loadMarkdown = useThreadMarkdownLoader(roomId);
  // A thread no longer in the text opens where it is listed, never in the sheet of the block it was on.
  const placed = useMemo(() => {
    const detached = new Set(threads.detached);
    return threads.all.filter((thread) => !detached.has(thread));
  }, [threads.all, threads.detached]);
  const commands = useReaderCommands(dispatch, narrow, placed, createThread);
  const { activate, annotate } = commands;
  const synced = useSynced(client);
  const staffSynced = useSynced(staffClient);
  const link = useThreadLink({
    requested: props.threadId,
    activeId,
    threads: threads.all,
    lookup: (threadId) => findThread([client, staffClient], threadId),
    synced: synced && (staffSynced || !permissions.teach),
    pathOf: (threadId) => readerPath(props.groupId, roomId, threadId),
    navigate: props.navigate,
    open: (thread) => showThread(thread.id),
    close: () => dispatch({ type: "activate", threadId: null }),
  });
  /** Opens a thread in view with focus on its card, clearing the filters if they hide it. */
  function showThread(threadId: string) {
    const thread = threads.all.find((candidate) => candidate.id === threadId);
    if (!thread) return;
    if (!threads.visible.includes(thread)) dispatch({ type: "filter", filters: noFilters });
    dispatch({ type: "activate", threadId: thread.id, blockId: thread.anchor.blockId, focus: true });
  }
  const people = useReaderPeople({
    roomId,
    selfId: user.id,
    blocks,
    index,
    activeId,
    openThread: showThread,
  });
  const onAttached = useCallback(
    (threadId: string, anchor: Anchor) => {
      const number = index.paragraphNumber.get(anchor.blockId);
      announce(`Thread attached to ${number !== undefined ? `paragraph ${number}` : "the text"}.`);
      // The selection was for the thread: left in place, it would offer to start another on the same words.
      window.getSelection()?.removeAllRanges();
      dispatch({ type: "select", selection: null });
      dispatch({ type: "activate", threadId, blockId: anchor.blockId, focus: true });
    },
    [index, announce],
  );
  const reattach = useReattach(roomId, onAttached);
  const attachingThread = threads.all.find((thread) => thread.id === reattach.threadId);
  // While a thread is being attached, a paragraph's comment button attaches it to the whole paragraph.
  const { attach } = reattach;
  const attachToBlock = useCallback((blockId: string) => attach({ blockId }), [attach]);
  useFocusActive(state, threads.visible, commands.focused);
  const headings = useMemo(() => blocks.filter((block) => block.kind === "heading"), [blocks]);
  const blockIds = useMemo(() => blocks.map((block) => block.anchorId), [blocks]);
  const blockOrder = useMemo(() => new Map(blockIds.map((blockId, at) => [blockId, at])), [blockIds]);
  useKeyboardShortcuts(
    state,
    threads.visible,
    { write: permissions.write, resolve: (thread) => canResolve(permissions, user.id, thread.authorId) },
    () => ({ order: blockOrder, blockId: lastRowAbove(blockIds, readingLine()) }),
    (command: KeyCommand) => {
      if (reattach.threadId !== null && (command.type === "escape" || command.type === "annotate")) {
        if (command.type === "escape") reattach.cancel();
        else if (state.selection) reattach.attach(state.selection.anchor);
      } else if (command.type === "open") activate(command.threadId, true);
      else if (command.type === "reply") dispatch({ type: "reply", threadId: command.threadId });
      else if (command.type === "resolve") actions.setResolved(command.threadId, command.resolved);
      else if (command.type === "annotate") annotate();
      // Escape steps out of a lead first; the next one closes what is open.
      else if (people.follow.following) people.follow.stepOut();
      else dispatch({ type: "escape" });
    },
  );

  usePlaceAcrossWidths(blockIds, shownSheetBlock);
  useCoveredTop();
  usePlaceAcrossReloads(roomId, blockIds, props.threadId !== null);
  const highlights = useMemo(
    () =>
      withDraftHighlight(threads.highlights, draft, draft ? index.byId.get(draft.blockId)?.text : undefined),
    [threads.highlights, draft, index],
  );
  const marginTarget = useMemo(
    () =>
      marginTargetOf(
        draft,
        noteOpen,
        threads.visible.find((thread) => thread.id === activeId),
      ),
    [draft, noteOpen, threads.visible, activeId],
  );
  const cancelDraft = useCallback(() => dispatch({ type: "cancelDraft" }), []);
  const closeNote = useCallback(() => dispatch({ type: "closeNote" }), []);
  const editNote = useCallback((blockId: string) => dispatch({ type: "openNote", blockId }), []);
  const { save: saveNoteText } = notes;
  const saveNote = useCallback(
    (blockId: string, value: string) => {
      saveNoteText(blockId, value);
      dispatch({ type: "closeNote" });
    },
    [saveNoteText],
  );
  const discussion = (blockId: string, inSheet: boolean) => (
    <BlockDiscussion
      blockId={blockId}
      noun={blockNoun(
        index.byId.get(blockId)?.kind ?? "paragraph",
        index.paragraphNumber.get(blockId) ?? null,
      )}
      threads={threads.byBlock.get(blockId) ?? noThreads}
      draft={draft?.blockId === blockId ? draft : null}
      note={notes.notes.get(blockId) ?? null}
      noteProblem={notes.problem}
      noteOpen={noteOpen === blockId}
      userId={user.id}
      activeId={activeId}
      revision={threads.revision}
      actions={actions}
      replyTo={replyTo}
      limit={inSheet ? 50 : 3}
      onActivate={activate}
      onCreate={commands.create}
      onCancelDraft={cancelDraft}
      onSaveNote={saveNote}
      onCloseNote={closeNote}
      onEditNote={editNote}
    />
  );
  const inMargin = (blockId: string) =>
    threads.byBlock.has(blockId) ||
    draft?.blockId === blockId ||
    notes.notes.has(blockId) ||
    noteOpen === blockId;
  const sheetNumber = sheetBlock ? index.paragraphNumber.get(sheetBlock) : undefined;
  useBlockAboveSheet(shownSheetBlock, noteOpen === null);

  // On a phone or a narrow tablet these sit behind "More", leaving the bar room for the title.
  const opens = (label: string, open: () => void) => (
    <button type="button" className="button quiet" aria-haspopup="dialog" onClick={open}>
      {label}
    </button>
  );
  const secondary = (
    <>
      {noContentsColumn && headings.length > 0 && opens("Contents", () => setContentsOpen(true))}
      {permissions.teach && (
        <RoomSettingsPanel roomId={roomId} settings={roomSettings} onChange={setRoomSettings} />
      )}
      {opens(panelName, () => setAnalyzing(true))}
      {opens("Export", () => setExporting(true))}
      {opens("Versions", () => setHistory("versions"))}
    </>
  );

  return provideStatus(
    connection,
    unsaved,
    <PermissionsContext.Provider value={permissions}>
      <RoomVersionContext.Provider value={text.room.version}>
        <ReaderServices
          bus={bus}
          loadHidden={loadHidden}
          loadMarkdown={loadMarkdown}
          typing={people.typing}
          members={members}
          followed={followed}
        >
          <div className={`reader${narrow ? " is-narrow" : ""}`}>
            <a className="skip-link" href="#text">
              Skip to the text
            </a>
            <ReaderBar
              title={text.room.document.title}
              connection={connection}
              onBack={() => props.navigate("/")}
              people={
                <>
                  {people.joined && (
                    <PeopleBar
                      others={people.others}
                      places={people.places}
                      onGo={(blockId) => void goToBlock(blockId)}
                    />
                  )}
                  {people.joined &&
                    canLead(text.role, text.membersMayLead) &&
                    people.follow.banner.kind !== "leading" && (
                      <button type="button" className="button quiet follow-me" onClick={people.follow.lead}>
                        Follow me
                      </button>
                    )}
                </>
              }
            >
              {permissions.teach && <HiddenUntilPostedBadge settings={roomSettings} />}
              <UnsavedChanges threads={threads.all} userId={user.id} onShow={showThread} />
              <NotificationBell navigate={props.navigate} roomId={roomId} />
              {compactBar ? <MoreMenu>{secondary}</MoreMenu> : secondary}
            </ReaderBar>
            <FilterBar
              filters={state.filters}
              counts={threads.counts}
              shown={threads.visible.length}
              onChange={(filters) => dispatch({ type: "filter", filters })}
              sections={sections}
            />
            <AssignmentPanel
              roomId={roomId}
              state={roomState.state}
              manage={permissions.teach}
              onChanged={() => void roomState.reload()}
            />
            <ReadingTimeNote
              groupId={props.groupId}
              recording={text.recordReadingTime !== false}
              canChange={text.role === "owner"}
              seeFigures={permissions.teach ? "See everyone's figures" : "See your figures"}
              onShowMine={() => setAnalyzing(true)}
            />
            {connection.status === "closed" && <ConnectionNotice {...connection} />}
            {link.problem && <LinkNotice problem={link.problem} onDismiss={link.dismiss} />}
            {live.moved && <VersionNotice moved={live.moved} onDismiss={live.dismiss} />}
            {veiled && <HiddenUntilPostedNotice canWrite={permissions.write} because={veiledBecause} />}
            <div className="reader-layout">
              <Contents headings={headings} />
              <main id="text" className="reader-main" tabIndex={-1} aria-label={text.room.document.title}>
                <div className="document-grid">
                  <HeatStoreContext.Provider value={heatStore}>
                    <DocumentText
                      blocks={blocks}
                      index={index}
                      highlights={highlights}
                      threadCounts={threads.byBlock}
                      notes={notes.notes}
                      activeId={activeId}
                      readers={people.byBlock}
                      canWrite={permissions.write}
                      attaching={reattach.threadId !== null}
                      onSelect={commands.select}
                      onHighlightClick={activate}
                      onComment={reattach.threadId !== null ? attachToBlock : commands.comment}
                      onNote={commands.openNote}
                      onOpenThreads={commands.openThreads}
                    />
                  </HeatStoreContext.Provider>
                  {threads.detached.length > 0 && (
                    <DetachedThreads
                      threads={threads.detached}
                      userId={user.id}
                      activeId={activeId}
                      revision={threads.revision}
                      actions={actions}
                      onActivate={activate}
                      replyTo={replyTo}
                      attachingId={reattach.threadId}
                      {...(permissions.moderate ? { onAttach: reattach.start } : {})}
                    />
                  )}
                  {!narrow && (
                    <Margin
                      blockIds={blockIds.filter(inMargin)}
                      target={marginTarget}
                      render={(blockId) => discussion(blockId, false)}
                    />
                  )}
                </div>
              </main>
              <DensityStrip byBlock={threads.byBlock} readers={people.byBlock} />
            </div>
            {contentsOpen && <ContentsDialog headings={headings} onClose={() => setContentsOpen(false)} />}
            {exporting && (
              <ExportDialog
                roomId={roomId}
                userId={user.id}
                filters={state.filters}
                canImport={permissions.moderate}
                onClose={() => setExporting(false)}
              />
            )}
            {history === "versions" && (
              <VersionsDialog
                groupId={props.groupId}
                roomId={roomId}
                documentId={text.room.document.id}
                roomVersion={text.room.version}
                navigate={props.navigate}
                onUpload={permissions.teach ? () => setHistory("upload") : undefined}
                onClose={() => setHistory(null)}
              />
            )}
            {history === "upload" && (
              <NewVersionDialog
                roomId={roomId}
                documentId={text.room.document.id}
                title={text.room.document.title}
                roomVersion={text.room.version}
                onClose={() => setHistory(null)}
              />
            )}
            {analyzing && (
              <AnalyticsPanel
                roomId={roomId}
                result={analytics}
                heat={heatStore}
                paragraphName={(blockId) => {
                  const number = index.paragraphNumber.get(blockId);
                  return number !== undefined
                    ? `Paragraph ${number}`
                    : (index.byId.get(blockId)?.kind ?? "Detached");
                }}
                onReload={analytics.reload}
                onClose={() => setAnalyzing(false)}
              />
            )}
            <FollowBanner follow={people.follow} />
            {state.selection && (
              <AnnotateButton
                selection={state.selection}
                attach={reattach.threadId !== null}
                onAnnotate={
                  reattach.threadId !== null
                    ? () => state.selection && attach(state.selection.anchor)
                    : annotate
                }
              />
            )}
            {reattach.threadId !== null && (
              <AttachNotice reattach={reattach} authorName={attachingThread?.authorName} />
            )}
            {narrow && sheetBlock && (
              <BottomSheet
                title={`Discussion of ${sheetNumber !== undefined ? `paragraph ${sheetNumber}` : "this block"}`}
                returnFocus={commands.sheetReturn}
                fallbackFocus={() => blockToolOf(sheetBlock)}
                onClose={() => dispatch({ type: "closeSheet" })}
              >
                {discussion(sheetBlock, true)}
              </BottomSheet>
            )}
            <div className="sr-only" role="status" aria-live="polite">
              {state.announcement}
            </div>
          </div>
        </ReaderServices>
      </RoomVersionContext.Provider>
    </PermissionsContext.Provider>,
  );
}
