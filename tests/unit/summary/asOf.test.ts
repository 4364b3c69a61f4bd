import { describe, expect, it } from "vitest";
import { compareAsOf, parseAsOf, withAsOf, withoutAsOf } from "@/lib/summary/asOf";

describe("as-of links", () => {
  it("adds asOf and digest to a link and reads them back", () => {
    const link = withAsOf("http://127.0.0.1:3000/clusters/c/namespaces/n/services/s?path=p1&sel=Target:i-1:80", {
      asOf: "2026-11-20T10:00:00.000Z",
      digest: "0123abcdef",
    });
    const u = new URL(link);
    expect(u.searchParams.get("path")).toBe("p1");
    expect(u.searchParams.get("sel")).toBe("Target:i-1:80");
    expect(parseAsOf(u.searchParams)).toEqual({ asOf: "2026-11-20T10:00:00.000Z", digest: "0123abcdef" });
    expect(withoutAsOf(link)).toBe("http://127.0.0.1:3000/clusters/c/namespaces/n/services/s?path=p1&sel=Target%3Ai-1%3A80");
  });

  it("keeps relative links relative", () => {
    expect(withAsOf("/triage?cluster=a", { asOf: "2026-11-20T10:00:00.000Z", digest: "abcdef" })).toBe(
      "/triage?cluster=a&asOf=2026-11-20T10%3A00%3A00.000Z&digest=abcdef",
    );
  });

  it("ignores malformed or half links", () => {
    expect(parseAsOf(new URLSearchParams("asOf=yesterday&digest=abcdef"))).toBeNull();
    expect(parseAsOf(new URLSearchParams("asOf=2026-11-20T10:00:00Z"))).toBeNull();
    expect(parseAsOf(new URLSearchParams("asOf=2026-11-20T10:00:00Z&digest=<script>"))).toBeNull();
  });

  it("compares the link with the live state", () => {
    const link = { asOf: "2026-11-20T10:00:00.000Z", digest: "aaaaaa" };
    expect(compareAsOf(link, { capturedAt: "2026-11-20T10:05:00Z", digest: "aaaaaa" })).toEqual({ deltaMs: 300_000, changed: false });
    expect(compareAsOf(link, { capturedAt: "2026-11-20T10:00:00Z", digest: "bbbbbb" }).changed).toBe(true);
  });
});
