import { describe, expect, it } from "vitest";
import { dataAgeMs, formatAge } from "@/components/ui/DataAge";

describe("data age", () => {
  it("formats seconds, minutes, hours, days", () => {
    expect(formatAge(4_200)).toBe("4 s");
    expect(formatAge(185_000)).toBe("3 min");
    expect(formatAge(2 * 3600_000 + 5)).toBe("2 h");
    expect(formatAge(5 * 86_400_000)).toBe("5 d");
    expect(formatAge(-3_000)).toBe("0 s");
  });

  it("uses the server's clock (servedAt), so a browser clock that is off does not change the age", () => {
    const age = { capturedAt: "2026-11-25T10:00:00Z", servedAt: "2026-11-25T10:00:04Z" };
    const fetchedAt = Date.parse("2026-11-25T09:00:00Z"); // browser clock one hour behind
    expect(dataAgeMs(age, fetchedAt, fetchedAt + 3_000)).toBe(7_000);
  });

  it("falls back to the browser's clock without servedAt", () => {
    const fetchedAt = Date.parse("2026-11-25T10:00:10Z");
    expect(dataAgeMs({ capturedAt: "2026-11-25T10:00:00Z" }, fetchedAt, fetchedAt + 1_000)).toBe(11_000);
  });
});
