import { describe, expect, it } from "vitest";
import { SourceError, isSourceError } from "@/server/sources/errors";

describe("isSourceError", () => {
  it("recognises a SourceError from another bundle's copy of the class (instrumentation vs route handlers)", () => {
    class ForeignSourceError extends Error {
      constructor(readonly code: string, message: string, readonly fix: string, readonly status: number) {
        super(message);
      }
    }
    expect(isSourceError(new SourceError("K8S_CONFIG", "m", "f", 503))).toBe(true);
    expect(isSourceError(new ForeignSourceError("K8S_CONFIG", "m", "f", 503))).toBe(true);
    expect(isSourceError(new Error("plain"))).toBe(false);
    expect(isSourceError({ code: "X", status: 503 })).toBe(false); // not an Error
  });
});
