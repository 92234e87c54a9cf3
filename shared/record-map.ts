// A Y.Map of records stored as JSON text, read through a cache of parsed, frozen records.
import type * as Y from "yjs";

/**
 * Records travel as JSON text because Yjs decodes a string value several times faster than an object value, whose
 * every field it decodes one by one, and a large room's state is almost all records: a replica of 10,000 threads
 * and 30,000 comments applies in 105-150 ms as text against about 270 ms as objects (bench/live-cold-load.ts).
 * Rooms written before this format hold objects; reads accept both, and a record is text once it is rewritten.
 */
export class RecordMap<T extends object> {
  /**
   * Parsed records by key, with the stored value they came from: Y.Map hands back the same string for an unchanged
   * entry, so a hit is one identity comparison. Entries of deleted keys go when they are next read.
   */
  private readonly parsed = new Map<string, { stored: unknown; record: Readonly<T> | undefined }>();

  constructor(readonly map: Y.Map<unknown>) {}

  get size(): number {
    return this.map.size;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  keys(): IterableIterator<string> {
    return this.map.keys();
  }

  /**
   * The record under `key`, frozen: it is shared by every reader of this map, so change a copy. Undefined if there
   * is none or what is stored cannot be read as one.
   */
  get(key: string): Readonly<T> | undefined {
    const stored = this.map.get(key);
    if (stored === undefined) {
      this.parsed.delete(key);
      return undefined;
    }
    const cached = this.parsed.get(key);
    if (cached?.stored === stored) return cached.record;
    const record = readRecord<T>(stored);
    this.parsed.set(key, { stored, record });
    return record;
  }

  /** Every readable record; an unreadable entry is skipped rather than failing the whole room. */
  *values(): IterableIterator<Readonly<T>> {
    for (const key of this.map.keys()) {
      const record = this.get(key);
      if (record) yield record;
    }
  }

  set(key: string, record: T): void {
    this.map.set(key, JSON.stringify(record));
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}

/** A stored value as a frozen record, or undefined if it is not one (garbled text, a stray scalar). */
function readRecord<T>(stored: unknown): Readonly<T> | undefined {
  let value = stored;
  if (typeof stored === "string") {
    try {
      value = JSON.parse(stored);
    } catch {
      return undefined;
    }
  }
  return typeof value === "object" && value !== null ? Object.freeze(value as T) : undefined;
}
