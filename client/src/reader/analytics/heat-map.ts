// The heat map over the text: each paragraph's reading time or discussion as a level (0–4), a number and words,
// so that it reads without colour (the margin bar's length and its number say the same as the tint).
import type { ParagraphAnalytics } from "../../../../shared/schemas/analytics.ts";

/** What the heat map shows: time spent reading, or threads and replies written. */
export type HeatMeasure = "reading" | "discussion";

export interface HeatCell {
  /** 0 (nothing) to 4 (the room's most), relative to the busiest paragraph. */
  level: 0 | 1 | 2 | 3 | 4;
  /** The figure, short: "12 min", "5". */
  value: string;
  /** The figure in words, for screen readers and the tooltip. */
  label: string;
}

/** Seconds as people read them: "45 s", "12 min", "1 h 5 min". */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ""}`;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function figure(paragraph: ParagraphAnalytics, measure: HeatMeasure): number {
  return measure === "reading" ? paragraph.readingSeconds : paragraph.threads + paragraph.replies;
}

function describe(paragraph: ParagraphAnalytics, measure: HeatMeasure): Omit<HeatCell, "level"> {
  if (measure === "reading")
    return {
      value: formatSeconds(paragraph.readingSeconds),
      label: `${formatSeconds(paragraph.readingSeconds)} of reading by ${plural(paragraph.readers, "reader", "readers")}`,
    };
  const posts = paragraph.threads + paragraph.replies;
  return {
    value: String(posts),
    label: `${plural(paragraph.threads, "thread", "threads")}, ${plural(paragraph.replies, "reply", "replies")}, ${plural(paragraph.questions, "question", "questions")}`,
  };
}

/** Each block's cell, by block id; levels are quarters of the busiest paragraph's figure. */
export function heatOf(
  paragraphs: readonly ParagraphAnalytics[],
  measure: HeatMeasure,
): Map<string, HeatCell> {
  const most = Math.max(0, ...paragraphs.map((paragraph) => figure(paragraph, measure)));
  return new Map(
    paragraphs.map((paragraph) => {
      const value = figure(paragraph, measure);
      const level = (
        most === 0 || value === 0 ? 0 : Math.max(1, Math.ceil((value / most) * 4))
      ) as HeatCell["level"];
      return [paragraph.blockId, { level, ...describe(paragraph, measure) }];
    }),
  );
}
