// Local date-times in a named zone ↔ instants: ordinary days, the skipped and the repeated hour, bad input.
import { describe, expect, it } from "vitest";
import { instantToLocal, isTimeZone, localToInstant } from "../../shared/time-zone.ts";

const at = (local: string, zone: string) => localToInstant(local, zone)?.toISOString();

describe("localToInstant", () => {
  it("reads a local time with the offset of its own day, either side of a daylight-saving change", () => {
    // Berlin: CET (+1) until 2027-03-28 01:00 UTC, CEST (+2) after.
    expect(at("2027-03-27T09:00", "Europe/Berlin")).toBe("2027-03-27T08:00:00.000Z");
    expect(at("2027-03-28T09:00", "Europe/Berlin")).toBe("2027-03-28T07:00:00.000Z");
    // New York: EDT (-4) until 2027-11-07 06:00 UTC, EST (-5) after.
    expect(at("2027-11-06T23:59", "America/New_York")).toBe("2027-11-07T03:59:00.000Z");
    expect(at("2027-11-07T23:59", "America/New_York")).toBe("2027-11-08T04:59:00.000Z");
    expect(at("2027-06-01T12:30", "UTC")).toBe("2027-06-01T12:30:00.000Z");
  });

  it("moves a time the clocks skip forward by the skipped hour, and takes the earlier of a repeated one", () => {
    expect(at("2027-03-28T02:30", "Europe/Berlin")).toBe("2027-03-28T01:30:00.000Z"); // 03:30 CEST
    expect(at("2027-10-31T02:30", "Europe/Berlin")).toBe("2027-10-31T00:30:00.000Z"); // the first 02:30 (CEST)
  });

  it("refuses what is not a date and time", () => {
    for (const bad of [
      "2027-02-30T10:00",
      "2027-13-01T10:00",
      "2027-01-01T24:00",
      "2027-01-01T10:60",
      "soon",
    ]) {
      expect(localToInstant(bad, "UTC"), bad).toBeUndefined();
    }
    expect(at("2027-01-01T10:00:00", "UTC")).toBe("2027-01-01T10:00:00.000Z");
  });
});

describe("instantToLocal", () => {
  it("shows an instant as the zone's clocks do, and round-trips with localToInstant", () => {
    expect(instantToLocal(new Date("2027-03-28T07:00:00Z"), "Europe/Berlin")).toBe("2027-03-28T09:00");
    expect(instantToLocal(new Date("2027-03-28T00:30:00Z"), "Europe/Berlin")).toBe("2027-03-28T01:30");
    expect(instantToLocal(new Date("2027-01-01T00:00:00Z"), "America/New_York")).toBe("2026-12-31T19:00");
    for (const local of ["2027-03-28T09:00", "2027-10-31T03:00", "2027-07-04T00:00"]) {
      expect(instantToLocal(localToInstant(local, "Europe/Berlin")!, "Europe/Berlin")).toBe(local);
    }
  });
});

describe("isTimeZone", () => {
  it("takes IANA names and refuses offsets, abbreviations and unknown names", () => {
    expect(
      ["UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "Etc/GMT+5"].filter(isTimeZone),
    ).toHaveLength(4);
    expect(["+01:00", "CET", "Mars/Olympus", "", "Europe/../etc"].filter(isTimeZone)).toEqual([]);
  });
});
