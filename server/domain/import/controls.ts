// Control characters and terminal escape sequences out of imported text, except those standing where letters belong.
import stripAnsi from "strip-ansi";

/**
 * Control characters other than tab, line feed and form feed (a page break): they mean nothing in a text, and in a
 * title they would reach terminals and file names (an escape sequence that clears the screen of whoever lists rooms).
 */
const controlClass = String.raw`[\u0000-\u0008\u000B\u000D-\u001F\u007F-\u009F]`;
const controlCharacters = new RegExp(controlClass, "gu");
const holdsControls = new RegExp(controlClass, "u");

/** `text` without terminal escape sequences (whole: `ESC ] 0 ; title BEL`, not just its ESC) or other controls. */
export const withoutControls = (text: string) => stripAnsi(text).replace(controlCharacters, "");

/** `text` without control characters; escape sequences must already be gone (see withoutControlsBesideLetters). */
export const withoutControlCharacters = (text: string) => text.replace(controlCharacters, "");

// A control character against a letter; an ESC that opens a control sequence ("ESC [", "ESC ]") is never one.
const escapeBesideLetter = new RegExp(String.raw`(?<=\p{L})\u001B(?![[\]])|\u001B(?=\p{L})`, "gu");
const controlBesideLetter = new RegExp(String.raw`(?<=\p{L})${controlClass}|${controlClass}(?=\p{L})`, "gu");

/** Stand-ins for protected controls while escape sequences are stripped: U+10FF00 + the control's code. */
const standInBase = 0x10ff00;
const standIns = /[\u{10FF00}-\u{10FF9F}]/gu;
const holdsStandIns = /[\u{10FF00}-\u{10FF9F}]/u;
const protect = (text: string, pattern: RegExp) =>
  text.replace(pattern, (control) => String.fromCodePoint(standInBase + (control.codePointAt(0) as number)));

/**
 * `text` without escape sequences or control characters, except a control character right before or after a letter:
 * fonts without a Unicode map extract their ligatures as control codes (TeX's T1 encoding puts ff, fi, fl, ffi, ffl
 * at 0x1B–0x1F: "o\u001Ber", "\u001Crst"), which the glyph repair learns like any other stray glyph. Whatever
 * controls the repair leaves must still be removed (withoutControlCharacters).
 */
export function withoutControlsBesideLetters(text: string): string {
  // A text that already holds the stand-ins (private use, plane 16) is cleaned as any other.
  if (!holdsControls.test(text)) return text;
  if (holdsStandIns.test(text)) return withoutControls(text);
  const escapesKept = stripAnsi(protect(text, escapeBesideLetter));
  return withoutControls(protect(escapesKept, controlBesideLetter)).replace(standIns, (standIn) =>
    String.fromCharCode((standIn.codePointAt(0) as number) - standInBase),
  );
}
