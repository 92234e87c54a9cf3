// The fonts the PDF export embeds (DejaVu Serif, DejaVu Sans as a fallback) and the glyph check that keeps every
// character visible: a character no font has is written out instead ("[U+1F600]", or a reaction emoji's name).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { create, type Font } from "fontkit";

/** The faces a run of text can be drawn in. */
export type Face = "serif" | "serifBold" | "serifItalic" | "serifBoldItalic" | "sans";

const files: Record<Face, string> = {
  serif: "DejaVuSerif.ttf",
  serifBold: "DejaVuSerif-Bold.ttf",
  serifItalic: "DejaVuSerif-Italic.ttf",
  serifBoldItalic: "DejaVuSerif-BoldItalic.ttf",
  sans: "DejaVuSans.ttf",
};

/** The reaction emoji of shared/limits.ts by code point, named as Unicode (CLDR) names them. */
const emojiNames = new Map<number, string>([
  [0x1f44d, "thumbs up"],
  [0x2764, "red heart"],
  [0x1f602, "face with tears of joy"],
  [0x1f62e, "face with open mouth"],
  [0x1f914, "thinking face"],
  [0x1f389, "party popper"],
  [0x1f440, "eyes"],
  [0x2753, "red question mark"],
  [0x1f615, "confused face"],
]);

// Variation selectors choose how the character before looks (emoji or text style); a PDF has one look, so they go.
const selector = (codePoint: number) =>
  (codePoint >= 0xfe00 && codePoint <= 0xfe0f) || (codePoint >= 0xe0100 && codePoint <= 0xe01ef);

/** The font files, read once per process (a few MB), and each face's glyph lookup. */
export interface FontSet {
  data: Record<Face, Buffer>;
  has(face: Face, codePoint: number): boolean;
}

/** Reads the DejaVu fonts from the dejavu-fonts-ttf package, wherever the package manager put it. */
export function loadFonts(): FontSet {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
  const data = {} as Record<Face, Buffer>;
  const fonts = {} as Record<Face, Font>;
  for (const face of Object.keys(files) as Face[]) {
    data[face] = readFileSync(path.join(dir, files[face]));
    fonts[face] = create(data[face]);
  }
  return { data, has: (face, codePoint) => fonts[face].hasGlyphForCodePoint(codePoint) };
}

/** A piece of text drawable in one face. */
export interface FaceRun {
  face: Face;
  text: string;
}

/**
 * Splits `text` into runs every glyph of which its face has: `face` where it can, DejaVu Sans where only Sans can,
 * and else the character written out in `face` ("[red heart]" for a reaction emoji, "[U+4E2D]" otherwise). Tabs
 * become spaces; control characters and variation selectors (never visible) are dropped; line breaks are kept.
 */
export function fallbackRuns(text: string, face: Face, fonts: FontSet): FaceRun[] {
  const runs: FaceRun[] = [];
  const push = (runFace: Face, piece: string) => {
    const last = runs.at(-1);
    if (last?.face === runFace) last.text += piece;
    else runs.push({ face: runFace, text: piece });
  };
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (char === "\n") push(face, char);
    else if (char === "\t") push(face, " ");
    else if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0) || selector(codePoint)) continue;
    else if (fonts.has(face, codePoint)) push(face, char);
    else if (fonts.has("sans", codePoint)) push("sans", char);
    // A zero-width joiner no font has joins emoji that are written out one by one.
    else if (codePoint === 0x200d) continue;
    else {
      const name = emojiNames.get(codePoint);
      const hex = codePoint.toString(16).toUpperCase().padStart(4, "0");
      push(face, `[${name ?? `U+${hex}`}]`);
    }
  }
  return runs;
}
