import { describe, expect, it } from "vitest";
import { json, SMALL_BODY_BYTES } from "@/server/http/respond";
import { GET as healthz } from "@/app/api/healthz/route";

/**
 * Next gzips every route handler's body whatever its size; for a probe or an error that is a fresh zlib stream per
 * request, costlier than the bytes it saves. Small JSON answers say `no-transform`, which Next's compression honours
 * (issue 10: the request fixed cost). Big answers are still compressed.
 */
describe("json(): small answers go out uncompressed", () => {
  it("marks answers under 1 KB no-transform, never cached; bigger ones only no-store", async () => {
    const small = json({ status: "ok" });
    expect(small.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(small.headers.get("content-type")).toBe("application/json");
    expect(await small.json()).toEqual({ status: "ok" });
    const big = json({ items: "x".repeat(SMALL_BODY_BYTES) }, 200);
    expect(big.headers.get("cache-control")).toBe("no-store");
    const err = json({ error: { code: "X", message: "m" } }, 404);
    expect(err.status).toBe(404);
    expect(err.headers.get("cache-control")).toContain("no-transform");
  });

  it("healthz is one of them", async () => {
    const res = healthz();
    expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(await res.json()).toEqual({ status: "ok" });
  });
});
