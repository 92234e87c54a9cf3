// The zod form of the string rule: every string field of every request schema starts from text().
import { z } from "zod";
import "./messages.ts";
import { textProblem, type ControlCharacters } from "../text/unicode.ts";

export interface TextOptions {
  /** Control characters the field may hold; see ControlCharacters. Default "none" (a single-line field). */
  controls?: ControlCharacters;
  /**
   * Normalize to Unicode NFC (default true), so that canonically equivalent input (an NFD "café" typed on macOS)
   * is stored, compared and searched as one string. Passwords opt out: the auth service normalizes them itself.
   */
  normalize?: boolean;
}

/**
 * A string that Postgres and the room document can hold: no U+0000, no lone UTF-16 surrogates, no control
 * characters beyond those `controls` allows (400 naming the character and its position), normalized to NFC.
 * Chain further checks on it as on z.string(): `text().trim().min(1).max(n)`; lengths count the NFC form.
 */
export function text(options: TextOptions = {}): z.ZodString {
  const controls = options.controls ?? "none";
  const checked = z.string({ error: "must be a string" }).superRefine((value, ctx) => {
    const problem = textProblem(value, controls);
    if (problem) ctx.addIssue({ code: "custom", message: problem, input: value, continue: false });
  });
  return options.normalize === false ? checked : checked.overwrite((value) => value.normalize("NFC"));
}
