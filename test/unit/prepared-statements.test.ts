// The hot path's named prepared statements: one name stands for one SQL text, so that no connection ever runs the
// plan of one statement for another.
import { describe, expect, it } from "vitest";
import { prepared } from "../../server/data/sql.ts";

describe("prepared statements", () => {
  it("carries its name, text and values to pg", () => {
    expect(prepared("test-select-one", "SELECT $1::int AS one", [1])).toEqual({
      name: "test-select-one",
      text: "SELECT $1::int AS one",
      values: [1],
    });
  });

  it("refuses a name already given to another text, naming it", () => {
    prepared("test-select-two", "SELECT 2", []);
    expect(() => prepared("test-select-two", "SELECT 3", [])).toThrow(
      /"test-select-two".*two different texts/,
    );
  });

  it("takes the same text under its name any number of times", () => {
    const text = ["SELECT", "$1::text"].join(" "); // built at run time: equal content, not the same literal
    for (let i = 0; i < 3; i++)
      expect(prepared("test-select-text", text, ["x"]).name).toBe("test-select-text");
  });
});
