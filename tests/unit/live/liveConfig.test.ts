import { describe, expect, it } from "vitest";
import { liveConfig } from "@/server/sources/live/config";

describe("liveConfig: the first AWS read's wait", () => {
  it("defaults to 5 s, follows LBPATH_AWS_FIRST_READ_WAIT_SECONDS, and ignores values that are not positive numbers", () => {
    expect(liveConfig({}).firstAwsReadWaitMs).toBe(5_000);
    expect(liveConfig({ LBPATH_AWS_FIRST_READ_WAIT_SECONDS: "20" }).firstAwsReadWaitMs).toBe(20_000);
    expect(liveConfig({ LBPATH_AWS_FIRST_READ_WAIT_SECONDS: "0.5" }).firstAwsReadWaitMs).toBe(500);
    for (const bad of ["", "0", "-3", "soon"]) expect(liveConfig({ LBPATH_AWS_FIRST_READ_WAIT_SECONDS: bad }).firstAwsReadWaitMs).toBe(5_000);
  });
});
