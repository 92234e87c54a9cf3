// The people side of the reader in one hook: where this reader is (sent to the room), the others and where they
// read, who is replying, and follow-me.
import { useMemo } from "react";
import { idleAfterMs } from "../../../../shared/people-protocol.ts";
import type { Block } from "../../../../shared/schemas/documents.ts";
import { usePeopleSocket } from "../../realtime/people-socket.ts";
import { useFollow, type GoTo } from "../../realtime/use-follow.ts";
import { useIdle } from "../../realtime/use-idle.ts";
import { usePresence } from "../../realtime/use-presence.ts";
import { useRoomTyping } from "../../realtime/use-typing.ts";
import { useRowAtReadingLine } from "../hooks/use-row-at-reading-line.ts";
import type { BlockIndex } from "../state/thread-view.ts";
import { goToBlock } from "./go-to-block.ts";
import { othersInRoom, placesOf, readersByBlock } from "./people-view.ts";

/**
 * Presence, typing and follow-me for `selfId` in `roomId`, over the tab's people socket. `openThread` opens a
 * thread the leader opened, for a follower.
 */
export function useReaderPeople(options: {
  roomId: string;
  selfId: string;
  blocks: readonly Block[];
  index: BlockIndex;
  activeId: string | null;
  openThread: (threadId: string) => void;
}) {
  const { roomId, selfId, blocks, index } = options;
  const socket = usePeopleSocket();
  const blockIds = useMemo(() => blocks.map((block) => block.anchorId), [blocks]);
  const blockId = useRowAtReadingLine(blockIds);
  const idle = useIdle(idleAfterMs);
  const people = usePresence(socket, roomId, { blockId, threadId: options.activeId, idle });
  const others = useMemo(() => othersInRoom(people, selfId), [people, selfId]);
  const byBlock = useMemo(() => readersByBlock(others), [others]);
  const places = useMemo(() => placesOf(blocks, index), [blocks, index]);
  const typing = useRoomTyping(socket, roomId, selfId);
  // The glide to the leader's paragraph comes first: a thread opened during it would bring its card into view at
  // once and cut the glide short.
  const goTo: GoTo = ({ blockId, threadId }) => {
    const open = () => {
      if (threadId && threadId !== options.activeId) options.openThread(threadId);
    };
    if (blockId) void goToBlock(blockId).then(open);
    else open();
  };
  const follow = useFollow(socket, roomId, selfId, people, goTo);
  // The server lists this reader too once the room is joined: until then there is no one to show.
  const joined = people.length > 0;
  return { joined, others, byBlock, places, typing, follow };
}
