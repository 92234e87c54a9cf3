// Zip bombs posing as Word files or EPUBs are refused before they are inflated; honest archives are read whole.
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { convertDocx } from "../../../server/domain/import/formats/docx.ts";
import { convertEpub } from "../../../server/domain/import/formats/epub.ts";
import { readZip } from "../../../server/domain/import/formats/safe-zip.ts";
import { declareSize } from "./zip-fixture.ts";

const text = (value: string) => new TextEncoder().encode(value);
const limits = { maxEntries: 10, maxEntryBytes: 1000, maxTotalBytes: 1500 };

describe("readZip", () => {
  it("reads every file of an archive within the limits", async () => {
    const files = await readZip(zipSync({ "a.txt": text("alpha"), "dir/b.txt": text("beta") }), "EPUB", {
      limits,
    });
    expect([...files].map(([path, data]) => [path, new TextDecoder().decode(data)])).toEqual([
      ["a.txt", "alpha"],
      ["dir/b.txt", "beta"],
    ]);
  });

  it("refuses an archive with more entries than the limit", async () => {
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`f${index}.txt`, text("x")]));
    await expect(readZip(zipSync(many), "EPUB", { limits })).rejects.toMatchObject({
      code: "payload_too_large",
      message: expect.stringContaining("11 files"),
    });
  });

  it("refuses an entry declaring more bytes than the limit, and a whole declaring more than the total", async () => {
    await expect(
      readZip(zipSync({ "big.xml": new Uint8Array(1001) }), "Word file", { limits }),
    ).rejects.toMatchObject({
      code: "payload_too_large",
      message: expect.stringMatching(/This Word file would unpack to 1001 bytes in big\.xml/u),
    });
    const two = zipSync({ "a.xml": new Uint8Array(800), "b.xml": new Uint8Array(800) });
    await expect(readZip(two, "EPUB", { limits })).rejects.toMatchObject({
      code: "payload_too_large",
      message: expect.stringContaining("1600 bytes"),
    });
  });

  it("stops inflating an entry that holds more than its directory declares", async () => {
    const liar = declareSize(zipSync({ "word/document.xml": new Uint8Array(200_000) }), 100);
    await expect(readZip(liar, "Word file", { limits })).rejects.toMatchObject({
      code: "payload_too_large",
      message: expect.stringContaining("more bytes than its directory declares"),
    });
  });
});

describe("zip bombs posing as documents", () => {
  // 1 MB of zeros deflates to about a kilobyte.
  const bomb = zipSync({
    "word/document.xml": new Uint8Array(1_000_000),
    mimetype: text("application/epub+zip"),
  });

  it("refuses a .docx bomb before mammoth sees it", async () => {
    await expect(convertDocx(bomb, limits)).rejects.toMatchObject({ code: "payload_too_large" });
  });

  it("refuses an EPUB declaring a huge size with the default limits, without inflating it", async () => {
    const claims = declareSize(zipSync({ "OEBPS/c1.xhtml": text("<p>tiny</p>") }), 4_000_000_000);
    await expect(convertEpub(claims)).rejects.toMatchObject({
      code: "payload_too_large",
      message: expect.stringMatching(/^This EPUB would unpack to 4000000000 bytes in OEBPS\/c1\.xhtml/u),
    });
  });
});
