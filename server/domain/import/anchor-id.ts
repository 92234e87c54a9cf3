// Stable block anchor ids: a short hash of kind and normalized text, plus an ordinal among identical blocks.
import { createHash } from "node:crypto";
import type { BlockKind } from "../../../shared/schemas/documents.ts";

const alphabet = "abcdefghijklmnopqrstuvwxyz234567";

/** Encodes bytes as lowercase RFC 4648 base32 without padding. */
function encodeBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let output = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += alphabet[(value << (5 - bits)) & 31];
  return output;
}

/** The text a block's id is computed from: NFC, whitespace collapsed, trimmed. */
export function normalizeForAnchor(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** The content part of an anchor id: 13 base32 characters (65 bits) of SHA-256 over kind and normalized text. */
export function hashBlockContent(kind: BlockKind, text: string): string {
  const digest = createHash("sha256")
    .update(`${kind}\u0000${normalizeForAnchor(text)}`)
    .digest();
  return encodeBase32(digest.subarray(0, 9)).slice(0, 13);
}

/**
 * Anchor ids for blocks in document order: "<hash>-<n>", where n counts identical blocks (same kind and
 * text) from 1, so an unchanged block keeps its id in a new version and repeated blocks stay distinct.
 */
export function assignAnchorIds(blocks: readonly { kind: BlockKind; text: string }[]): string[] {
  const seen = new Map<string, number>();
  return blocks.map(({ kind, text }) => {
    const hash = hashBlockContent(kind, text);
    const ordinal = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, ordinal);
    return `${hash}-${ordinal}`;
  });
}
