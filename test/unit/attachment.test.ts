// Download names: the plain-ASCII fallback is readable, never question marks, and keeps the extension.
import { create as contentDisposition } from "content-disposition";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asciiFileName } from "../../server/http/attachment.ts";

describe("asciiFileName", () => {
  it("drops accents, turns other scripts into hyphens, and keeps the extension", () => {
    expect(asciiFileName("théorie-communiste-discussion-2026-11-30.md")).toBe(
      "theorie-communiste-discussion-2026-11-30.md",
    );
    expect(asciiFileName("हिन्दी-साहित्य-discussion-2026-11-30.pdf")).toBe("discussion-2026-11-30.pdf");
    expect(asciiFileName("日本語.csv")).toBe("export.csv");
    expect(asciiFileName("ﬁne ½.html")).toBe("fine-1-2.html");
  });

  it("is always a name a header can carry as it is: ASCII letters, digits, . _ -, never empty (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 40 }),
        fc.constantFrom(".md", ".csv", ".pdf", ""),
        (base, ext) => {
          const name = asciiFileName(`${base}${ext}`);
          expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/u);
          expect(name.endsWith(ext)).toBe(true);
          const header = contentDisposition(`${base}${ext}`, { fallback: name });
          expect(header).not.toContain("?");
        },
      ),
    );
  });
});
