// The compact English dictionary answers exactly as a Set of the same words would, whatever the list's order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDictionary, createWordListDictionary } from "../../server/domain/import/dictionary.ts";
import { loadEnglishDictionary } from "../../server/domain/import/load-dictionary.ts";

const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "é", "z", "Q", "’"), maxLength: 6 });

describe("createWordListDictionary", () => {
  it("property: agrees with a Set of the list's words, sorted or not, with blank lines and duplicates", () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), fc.array(word, { maxLength: 30 }), (listed, probes) => {
        const compact = createWordListDictionary(listed.join("\n"));
        const reference = createDictionary(listed);
        for (const probe of [...listed, ...probes].map((each) => each.toLowerCase())) {
          expect(compact.has(probe), probe).toBe(reference.has(probe));
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it("holds every word of the English list, including the two it has out of order", () => {
    const english = loadEnglishDictionary();
    for (const known of ["aa", "manlily", "manlihood", "sharrows", "sharrowed", "zzzs", "reading"]) {
      expect(english.has(known), known).toBe(true);
    }
    for (const unknown of ["", "zzzzz", "readingg", "manli"])
      expect(english.has(unknown), unknown).toBe(false);
  });
});
