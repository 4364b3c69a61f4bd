import { describe, expect, it } from "vitest";
import { memoPerObject } from "@/server/core/memo";
import { within } from "@/server/within";

describe("memoPerObject", () => {
  it("computes once per object, again for another object", () => {
    let calls = 0;
    const f = memoPerObject((o: { n: number }) => ({ doubled: o.n * 2, call: ++calls }));
    const a = { n: 2 };
    expect(f(a)).toBe(f(a));
    expect(f({ n: 2 })).not.toBe(f(a));
    expect(calls).toBe(2);
  });
});

describe("within", () => {
  it("gives the value when it comes in time, undefined after the deadline, and passes a rejection on", async () => {
    expect(await within(Promise.resolve(7), 50)).toBe(7);
    expect(await within(new Promise<number>(() => undefined), 20)).toBeUndefined();
    expect(await within(Promise.resolve(7), 0)).toBeUndefined();
    await expect(within(Promise.reject(new Error("down")), 50)).rejects.toThrow("down");
  });
});
