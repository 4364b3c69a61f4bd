import { describe, expect, it } from "vitest";
import { jsonWithAge } from "@/server/http/respond";

const age = (servedAt: string) => ({ capturedAt: "2026-11-20T10:00:00Z", kubernetes: null, aws: null, refreshSeconds: null, servedAt });

describe("jsonWithAge: memoised bodies serialised once, fresh age per response", () => {
  it("answers the body with the given age replacing any age it had", async () => {
    const body = { cluster: "c", paths: [{ id: "p", share: 0.5 }], age: { capturedAt: "old" } };
    const res = jsonWithAge(body, age("2026-11-25T08:00:00Z"));
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ cluster: "c", paths: [{ id: "p", share: 0.5 }], age: age("2026-11-25T08:00:00Z") });
  });
  it("the same object twice gives the same body with each response's own age", async () => {
    const body = { x: 1 };
    const a = await jsonWithAge(body, age("A")).json();
    const b = await jsonWithAge(body, age("B")).json();
    expect(a).toEqual({ x: 1, age: age("A") });
    expect(b).toEqual({ x: 1, age: age("B") });
  });
  it("works for an empty object", async () => {
    expect(await jsonWithAge({}, age("A")).json()).toEqual({ age: age("A") });
  });
});
