import { describe, expect, it } from "vitest";
import { at, pan, place, ticks, zoomIn, zoomOut } from "@/lib/graph/timelineLayout";
import { clockUtc, formatDuration, sinceText } from "@/lib/graph/sinceText";
import { windowSeconds } from "@/lib/api/timeline";

/** The timeline panel's arithmetic and the "for how long" words (issue 12). */

const NOW = "2026-11-20T10:00:00.000Z";

describe("timeline layout", () => {
  it("zooms in and out through 15m … 6h, stopping at the ends; unknown windows zoom from 1 h", () => {
    expect([zoomIn("1h"), zoomIn("30m"), zoomIn("15m")]).toEqual(["30m", "15m", "15m"]);
    expect([zoomOut("1h"), zoomOut("3h"), zoomOut("6h")]).toEqual(["3h", "6h", "6h"]);
    expect(zoomIn("45m")).toBe("30m");
    expect(zoomOut("bogus")).toBe("3h");
  });

  it("pans by half a window, never past the data's time (null = now) nor before the earliest end", () => {
    expect(pan(null, "1h", NOW, -1)).toBe("2026-11-20T09:30:00.000Z");
    expect(pan("2026-11-20T09:30:00.000Z", "1h", NOW, 1)).toBeNull();
    expect(pan("2026-11-20T09:00:00.000Z", "1h", NOW, 1)).toBe("2026-11-20T09:30:00.000Z");
    expect(pan("2026-11-20T05:00:00.000Z", "1h", NOW, -1, "2026-11-20T04:00:00.000Z")).toBe("2026-11-20T05:00:00.000Z");
  });

  it("places spans and marks in per cent of the window, clipped", () => {
    const s = "2026-11-20T09:00:00Z", e = "2026-11-20T10:00:00Z";
    expect(place("2026-11-20T09:15:00Z", "2026-11-20T09:45:00Z", s, e)).toEqual({ left: 25, width: 50 });
    expect(place("2026-11-20T08:00:00Z", "2026-11-20T09:30:00Z", s, e)).toEqual({ left: 0, width: 50 });
    expect(place("2026-11-20T10:30:00Z", "2026-11-20T11:00:00Z", s, e).width).toBe(0);
    expect(at("2026-11-20T09:06:00Z", s, e)).toBeCloseTo(10);
    expect(at("2026-11-20T11:00:00Z", s, e)).toBe(100);
  });

  it("puts 4–7 round ticks across any window", () => {
    for (const w of ["15m", "30m", "1h", "3h", "6h"]) {
      const start = new Date(Date.parse(NOW) - windowSeconds(w)! * 1000).toISOString();
      const t = ticks(start, NOW);
      expect(t.length, w).toBeGreaterThanOrEqual(3);
      expect(t.length, w).toBeLessThanOrEqual(8);
      expect(t.at(-1)).toBe(NOW);
    }
  });
});

describe("for how long", () => {
  it("words durations and times against the data's time", () => {
    expect([formatDuration(45_000), formatDuration(720_000), formatDuration(11_100_000), formatDuration(3 * 86_400_000)]).toEqual(["45 s", "12 min", "3 h 5 min", "3 d 0 h"]);
    expect(clockUtc("2026-11-20T09:48:10Z", NOW)).toBe("09:48:10 UTC");
    expect(clockUtc("2026-11-19T23:00:00Z", NOW)).toBe("2026-11-19 23:00:00 UTC");
    expect(sinceText({ at: "2026-11-20T09:48:00Z", atLeast: false }, NOW)).toBe("for 12 min (since 09:48:00 UTC)");
    expect(sinceText({ at: "2026-11-20T04:00:00Z", atLeast: true }, NOW)).toBe("for at least 6 h (lbpath has watched since 04:00:00 UTC)");
    expect(sinceText(null, NOW)).toBeNull();
  });
});
