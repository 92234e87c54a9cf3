// The import report of a short plain text that needed no repairs, for client tests of uploads.

/** Five lines read as text: a title and two paragraphs, nothing repaired or doubted. */
export const plainImportReport = {
  format: "text",
  lines: 5,
  blocks: { title: 1, paragraph: 2 },
  ligatures: [],
  dehyphenated: { lineBreak: 0, pageBreak: 0, keptCompound: 0 },
  pageBreaks: 0,
  pageArtefactsRemoved: 0,
  paragraphsJoinedAcrossPages: 0,
  footnoteMarkersSeparated: 0,
  unresolved: [],
};
