// The id an imported annotation gets in a room: a name-based UUID (RFC 9562 version 5) of the room and the
// annotation's key, so the same file imported twice names the same threads and replies, and creates them once.
import { createHash } from "node:crypto";

/** UUID version 5 of `name` in the namespace `namespaceUuid` (here: the room's id). */
export function importedId(namespaceUuid: string, name: string): string {
  const namespace = Buffer.from(namespaceUuid.replace(/-/gu, ""), "hex");
  const hash = createHash("sha1").update(namespace).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id a Scholia export gave a thread or reply (`urn:uuid:…`), if the key is one. */
export function exportedUuid(key: string): string | undefined {
  return /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/iu
    .exec(key)?.[1]
    ?.toLowerCase();
}
