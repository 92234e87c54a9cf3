// The uploader's corrections to an imported block list (edit text, merge, split, change kind), applied purely.
import type {
  AppliedCorrection,
  FootnoteRef,
  ImportCorrection,
  Mark,
} from "../../../shared/schemas/documents.ts";
import type { BlockKind } from "../../../shared/schemas/documents.ts";
import diff from "fast-diff";
import { withArticle } from "../../../shared/text/article.ts";
import { AppError } from "../app-error.ts";
import { countKinds, placeBlocks, type DraftBlock, type ImportResult } from "./import-text.ts";

/** The blocks after the corrections, what each did, and where each original block's start ended up. */
export interface CorrectedBlocks {
  blocks: DraftBlock[];
  applied: AppliedCorrection[];
  /**
   * For each block of the input, the ordinal of the block holding it after the corrections (a split keeps it in the
   * first part): where the report's notes about a block now point.
   */
  ordinals: number[];
}

/** Whether `offset` falls between the two UTF-16 halves of one character. */
const insideSurrogatePair = (text: string, offset: number) =>
  offset > 0 &&
  offset < text.length &&
  /[\uD800-\uDBFF]/u.test(text[offset - 1] ?? "") &&
  /[\uDC00-\uDFFF]/u.test(text[offset] ?? "");

const describe = (operation: ImportCorrection, index: number) =>
  `Correction ${index + 1} (${operation.op} block ${operation.block})`;

const refuse = (operation: ImportCorrection, index: number, why: string) =>
  new AppError("validation_failed", `${describe(operation, index)} ${why}`, [
    { field: `corrections[${index}]`, message: why },
  ]);

/**
 * How many changed characters (old and new, after the common start and end) the corrections of one upload may diff
 * character by character, in all and in one edit. Myers' diff takes time that grows with the product of the lengths
 * and differences: two unrelated 50,000-character texts hold the thread for minutes, 2,000 characters for
 * milliseconds. Past these, the changed middle of an edit counts as replaced whole.
 */
const diffBudget = { total: 20_000, edit: 2_000 };

/** The length of the start `a` and `b` share, and of the end they share after it. */
function sharedEnds(a: string, b: string): { start: number; end: number } {
  const shorter = Math.min(a.length, b.length);
  let start = 0;
  while (start < shorter && a[start] === b[start]) start++;
  let end = 0;
  while (end < shorter - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return { start, end };
}

/**
 * The changes from `old` to `text`: a character diff (fast-diff) when the changed middle fits what is left of
 * `budget.total` (and is within diffBudget.edit), which it uses up; else the shared start and end kept and the middle
 * replaced whole.
 */
function changesBetween(old: string, text: string, budget: { total: number }): diff.Diff[] {
  const { start, end } = sharedEnds(old, text);
  const changed = old.length + text.length - 2 * (start + end);
  if (changed <= Math.min(diffBudget.edit, budget.total)) {
    budget.total -= changed;
    return diff(old, text);
  }
  const parts: diff.Diff[] = [
    [diff.EQUAL, old.slice(0, start)],
    [diff.DELETE, old.slice(start, old.length - end)],
    [diff.INSERT, text.slice(start, text.length - end)],
    [diff.EQUAL, old.slice(old.length - end)],
  ];
  return parts.filter(([, part]) => part.length > 0);
}

/**
 * Maps offsets of `old` to offsets of `text` through a character diff (changesBetween): an offset in kept text
 * moves with it; one in deleted text goes to where the deletion was. At an insertion, "before" keeps the offset
 * ahead of the inserted text (a footnote marker, a mark's start) and "after" puts it past it (a mark's end, so that
 * a word lengthened at its end stays marked).
 */
function offsetMap(old: string, text: string, budget: { total: number }) {
  const changes = changesBetween(old, text, budget);
  return (offset: number, side: "before" | "after") => {
    let from = 0;
    let to = 0;
    for (const [change, part] of changes) {
      if (change === diff.INSERT) {
        if (offset === from && side === "after") to += part.length;
        else if (offset === from) return to;
        else to += part.length;
        continue;
      }
      const end = from + part.length;
      if (change === diff.EQUAL && offset < end) return to + offset - from;
      if (change === diff.DELETE && offset < end) return to;
      from = end;
      if (change === diff.EQUAL) to += part.length;
    }
    return to;
  };
}

/** Replaces a block's text, moving footnote markers and marks with the text around them. */
function editBlock(block: DraftBlock, text: string, budget: { total: number }): DraftBlock {
  const move = offsetMap(block.text, text, budget);
  const marks = block.marks
    ?.map((mark) => ({ ...mark, start: move(mark.start, "before"), end: move(mark.end, "after") }))
    .filter((mark) => mark.end > mark.start);
  return {
    ...block,
    text,
    footnotes: block.footnotes.map((ref) => ({ ...ref, offset: move(ref.offset, "before") })),
    ...(marks ? { marks } : {}),
  };
}

/** The block's marks clipped to [from, to), shifted to start at `from`; none left empty. */
const clipMarks = (marks: readonly Mark[] | undefined, from: number, to: number) =>
  marks
    ?.map((mark) => ({
      ...mark,
      start: Math.min(Math.max(mark.start, from), to) - from,
      end: Math.min(Math.max(mark.end, from), to) - from,
    }))
    .filter((mark) => mark.end > mark.start);

/** A block with `text`, footnotes and (when the block had any) marks. */
const withParts = (block: DraftBlock, text: string, footnotes: FootnoteRef[], marks: Mark[] | undefined) => ({
  kind: block.kind,
  text,
  footnotes,
  ...(marks ? { marks } : {}),
});

/**
 * Splits a block at `offset`: whitespace at the cut separated the two parts and is dropped; a footnote marker goes
 * with the words it follows; a mark across the cut becomes one in each part. Undefined when a part would be empty.
 */
function splitBlock(block: DraftBlock, offset: number): [DraftBlock, DraftBlock] | undefined {
  const firstEnd = block.text.slice(0, offset).trimEnd().length;
  const secondStart = block.text.length - block.text.slice(offset).trimStart().length;
  if (firstEnd === 0 || secondStart === block.text.length) return undefined;
  const head = block.footnotes.filter((ref) => ref.offset <= firstEnd);
  const tail = block.footnotes
    .filter((ref) => ref.offset > firstEnd)
    .map((ref) => ({ ...ref, offset: Math.max(ref.offset - secondStart, 0) }));
  return [
    withParts(block, block.text.slice(0, firstEnd), head, clipMarks(block.marks, 0, firstEnd)),
    withParts(
      block,
      block.text.slice(secondStart),
      tail,
      clipMarks(block.marks, secondStart, block.text.length),
    ),
  ];
}

/** Joins a block and the next with one space; the result keeps the first block's kind. */
function mergeBlocks(first: DraftBlock, second: DraftBlock): DraftBlock {
  const shift = first.text.length + 1;
  const marks = [
    ...(first.marks ?? []),
    ...(second.marks ?? []).map((mark) => ({ ...mark, start: mark.start + shift, end: mark.end + shift })),
  ];
  return {
    kind: first.kind,
    text: `${first.text} ${second.text}`,
    footnotes: [
      ...first.footnotes,
      ...second.footnotes.map((ref) => ({ ...ref, offset: ref.offset + shift })),
    ],
    ...(first.marks || second.marks ? { marks } : {}),
  };
}

/**
 * Longest block text a correction's record holds whole (UTF-16 units). The record is for people reading the report;
 * 200 corrections of a 4 MB paragraph, each recording it whole before and after, would make a report of gigabytes.
 */
const recordedTextMax = 1000;

/** `text` as a correction's record holds it: whole up to recordedTextMax, else its start and end around "…". */
function recordedText(text: string): string {
  if (text.length <= recordedTextMax) return text;
  const half = recordedTextMax / 2;
  return `${text.slice(0, half).trimEnd()} … ${text.slice(-half).trimStart()}`;
}

/**
 * Applies the corrections in order, each to the block list as the ones before it left it, recording the texts
 * of the blocks each touched before and after (long ones shortened: recordedText). Pure. Throws a 400
 * AppError naming the first correction that addresses no block, cuts outside the text or inside a character,
 * would leave a block empty, or changes nothing.
 */
export function applyCorrections(
  blocks: readonly DraftBlock[],
  corrections: readonly ImportCorrection[],
): CorrectedBlocks {
  const current = [...blocks];
  const ordinals = blocks.map((_, index) => index);
  const applied: AppliedCorrection[] = [];
  const budget = { total: diffBudget.total };
  const view = (ordinal: number) => ({
    ordinal,
    kind: (current[ordinal] as DraftBlock).kind,
    text: recordedText((current[ordinal] as DraftBlock).text),
  });
  corrections.forEach((operation, index) => {
    const at = operation.block;
    const block = current[at];
    if (!block) {
      throw refuse(
        operation,
        index,
        `names no block: there are ${current.length} (0 to ${current.length - 1}).`,
      );
    }
    const before = [view(at)];
    if (operation.op === "edit") {
      if (!operation.text.trim())
        throw refuse(operation, index, "would leave the block empty; merge it instead.");
      if (operation.text === block.text) throw refuse(operation, index, "changes nothing.");
      current[at] = editBlock(block, operation.text, budget);
    } else if (operation.op === "kind") {
      if (operation.kind === block.kind)
        throw refuse(operation, index, `changes nothing: it is ${withArticle(block.kind)}.`);
      current[at] = { ...block, kind: operation.kind };
    } else if (operation.op === "merge") {
      const next = current[at + 1];
      if (!next) throw refuse(operation, index, "has no next block to merge with.");
      before.push(view(at + 1));
      current.splice(at, 2, mergeBlocks(block, next));
      ordinals.forEach((ordinal, original) => {
        if (ordinal > at) ordinals[original] = ordinal - 1;
      });
    } else {
      if (operation.offset > block.text.length) {
        throw refuse(
          operation,
          index,
          `cuts at ${operation.offset}, past the end of its ${block.text.length} characters.`,
        );
      }
      if (insideSurrogatePair(block.text, operation.offset)) {
        throw refuse(operation, index, `cuts at ${operation.offset}, inside a character.`);
      }
      const parts = splitBlock(block, operation.offset);
      if (!parts) throw refuse(operation, index, "would leave one part empty; cut between words.");
      current.splice(at, 1, ...parts);
      ordinals.forEach((ordinal, original) => {
        if (ordinal > at) ordinals[original] = ordinal + 1;
      });
    }
    const touched = operation.op === "split" ? [at, at + 1] : [at];
    applied.push({ operation, before, after: touched.map(view) });
  });
  return { blocks: current, applied, ordinals };
}

/**
 * An import with the uploader's corrections applied: corrected blocks with fresh anchor ids, block counts and
 * unresolved tokens' ordinals updated, the corrections recorded in `report.corrections`, and the title (or author)
 * following an edit of the block it was taken from. Pure; no corrections returns `result` as it is. Throws as
 * applyCorrections does.
 */
export function correctImport(result: ImportResult, corrections: readonly ImportCorrection[]): ImportResult {
  if (corrections.length === 0) return result;
  const original = result.document.blocks;
  const { blocks: drafts, applied, ordinals } = applyCorrections(original, corrections);
  const blocks = placeBlocks(drafts);
  const counts = countKinds(blocks);
  // Metadata taken from a block follows that block's corrections; metadata given with the upload stays.
  const followBlock = (value: string | null, kind: BlockKind) =>
    value !== null && value === original.find((block) => block.kind === kind)?.text
      ? (blocks.find((block) => block.kind === kind)?.text ?? value)
      : value;
  return {
    ...result,
    document: {
      title: followBlock(result.document.title, "title") ?? result.document.title,
      author: followBlock(result.document.author, "author"),
      blocks,
    },
    report: {
      ...result.report,
      blocks: counts,
      unresolved: result.report.unresolved.map((entry) =>
        entry.blockOrdinal === undefined
          ? entry
          : { ...entry, blockOrdinal: ordinals[entry.blockOrdinal] ?? entry.blockOrdinal },
      ),
      corrections: applied,
    },
  };
}
