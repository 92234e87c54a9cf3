// The few parts of fontkit (the font reader pdfkit uses) the PDF export calls: loading a font and its glyph lookup.
declare module "fontkit" {
  export interface Font {
    /** True when the font has a glyph for this Unicode code point. */
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
