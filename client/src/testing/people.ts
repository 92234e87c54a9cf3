// People in a room for client tests, as the server's presence lists them.
import type { PresencePerson } from "../../../shared/people-protocol.ts";

/** A member named `name` with id `userId`, reading nothing yet, active, in one tab, with `overrides`. */
export function buildPerson(
  userId: string,
  name: string,
  overrides: Partial<PresencePerson> = {},
): PresencePerson {
  return {
    userId,
    name,
    role: "member",
    blockId: null,
    threadId: null,
    idle: false,
    tabs: 1,
    following: null,
    leading: false,
    ...overrides,
  };
}
