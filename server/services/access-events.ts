// In-process notices that someone's access changed, so open live connections can be re-checked at once.
import { EventEmitter } from "node:events";

export interface AccessEventMap {
  /** A session was revoked (logout): its sockets must close. */
  "session-revoked": [sessionId: string];
  /** A member's role changed or they left or were removed: their sockets for the group must be re-authorised. */
  "membership-changed": [change: { groupId: string; userId: string }];
  /** A group's settings changed (members may lead): live rooms of the group re-check who may do what. */
  "group-settings-changed": [groupId: string];
  /**
   * What a room shows some of its readers changed (hide-until-posted switched, or `userId` started their first
   * thread there): their live connections to the room must be served the view that now applies.
   */
  "room-view-changed": [change: { roomId: string; userId?: string }];
  /**
   * What the group's rooms let people in to changed for everyone at once (a text was removed): cached roles are
   * dropped, live connections of the group close and reconnect, and so are checked again.
   */
  "group-access-changed": [groupId: string];
  /**
   * The group's discussion sections or who is in which changed: in every room of the group, whoever does not read
   * every section may now read other people's threads than before, and is served the view that now applies.
   */
  "sections-changed": [groupId: string];
  /**
   * Access events of other server processes may have been missed (the relay's subscription to Redis was down and is
   * back): caches drop what they hold, and live connections are checked against the database. Never relayed.
   */
  "changes-missed": [];
}

export class AccessEvents extends EventEmitter<AccessEventMap> {}

/** Every access event passed between server processes (by the Redis relay): all but "changes-missed". */
export const accessEventNames = [
  "session-revoked",
  "membership-changed",
  "group-settings-changed",
  "room-view-changed",
  "group-access-changed",
  "sections-changed",
] as const satisfies readonly (keyof AccessEventMap)[];

// Fails to compile when an event is added to the map but not to the list above.
type Unlisted = Exclude<keyof AccessEventMap, (typeof accessEventNames)[number] | "changes-missed">;
const everyEventListed: Unlisted extends never ? true : false = true;
void everyEventListed;
