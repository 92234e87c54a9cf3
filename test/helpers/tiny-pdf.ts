// Builds small PDFs in memory (objects, cross-reference table, trailer) for tests of damaged and hostile files.

/**
 * A PDF whose objects are `objects` (numbered from 1, written as given between `n 0 obj` and `endobj`), with
 * object 1 as the catalog.
 */
export function tinyPdf(objects: readonly string[]): Buffer {
  let body = "%PDF-1.7\n";
  const offsets = objects.map((object, index) => {
    const offset = body.length;
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** A one-page text stream showing `text` (ASCII) in Helvetica, and the objects a page needs around it. */
export function textPageObjects(text: string, parent = 2): string[] {
  const stream = `BT /F1 12 Tf 72 700 Td (${text}) Tj ET`;
  return [
    `<< /Type /Page /Parent ${parent} 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>`,
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
}
