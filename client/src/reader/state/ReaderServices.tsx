// The services the reader's parts reach through context: the highlight bus, the loaders of hidden text and of a
// thread's Markdown, who is replying in which thread, the group's members (for mentions) and the threads the reader
// follows.
import type { ReactNode } from "react";
import { MembersContext, type MemberDirectory } from "../../components/mentions/members.ts";
import { TypingContext, type Typing } from "../../realtime/use-typing.ts";
import { FollowedThreadsContext, type FollowedThreads } from "./followed-threads.ts";
import { HiddenTextContext, type HiddenTextLoader } from "./hidden-text.ts";
import { HighlightBusContext, type HighlightBus } from "./highlight-bus.ts";
import { ThreadMarkdownContext, type ThreadMarkdownLoader } from "./thread-markdown.ts";

/** Provides `bus`, `loadHidden`, `loadMarkdown`, `typing`, `members` and `followed` to everything inside. */
export function ReaderServices(props: {
  bus: HighlightBus;
  loadHidden: HiddenTextLoader;
  loadMarkdown: ThreadMarkdownLoader;
  typing: Typing;
  members: MemberDirectory;
  followed: FollowedThreads;
  children: ReactNode;
}) {
  return (
    <HighlightBusContext.Provider value={props.bus}>
      <HiddenTextContext.Provider value={props.loadHidden}>
        <ThreadMarkdownContext.Provider value={props.loadMarkdown}>
          <TypingContext.Provider value={props.typing}>
            <MembersContext.Provider value={props.members}>
              <FollowedThreadsContext.Provider value={props.followed}>
                {props.children}
              </FollowedThreadsContext.Provider>
            </MembersContext.Provider>
          </TypingContext.Provider>
        </ThreadMarkdownContext.Provider>
      </HiddenTextContext.Provider>
    </HighlightBusContext.Provider>
  );
}
