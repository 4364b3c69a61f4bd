import { describe, expect, it } from "vitest";
import { liveConfig } from "@/server/sources/live/config";
import { stageBackoffMs } from "@/server/sources/live/awsCache";

describe("liveConfig: the first AWS read's wait", () => {
  it("defaults to 5 s, follows LBPATH_AWS_FIRST_READ_WAIT_SECONDS, and ignores values that are not positive numbers", () => {
    expect(liveConfig({}).firstAwsReadWaitMs).toBe(5_000);
    expect(liveConfig({ LBPATH_AWS_FIRST_READ_WAIT_SECONDS: "20" }).firstAwsReadWaitMs).toBe(20_000);
    expect(liveConfig({ LBPATH_AWS_FIRST_READ_WAIT_SECONDS: "0.5" }).firstAwsReadWaitMs).toBe(500);
    for (const bad of ["", "0", "-3", "soon"]) expect(liveConfig({ LBPATH_AWS_FIRST_READ_WAIT_SECONDS: bad }).firstAwsReadWaitMs).toBe(5_000);
  });
});

describe("liveConfig: LBPATH_MAX_BACKOFF_SECONDS", () => {
  it("is unset by default (the informers' 30 s and the AWS stages' 4 intervals apply), and caps both when given", () => {
    expect(liveConfig({}).maxBackoffMs).toBeUndefined();
    expect(liveConfig({}).aws.maxBackoffMs).toBeUndefined();
    expect(liveConfig({ LBPATH_MAX_BACKOFF_SECONDS: "2" })).toMatchObject({ maxBackoffMs: 2_000, aws: { maxBackoffMs: 2_000 } });
    for (const bad of ["", "0", "-1", "never"]) expect(liveConfig({ LBPATH_MAX_BACKOFF_SECONDS: bad }).maxBackoffMs).toBeUndefined();
  });
});

describe("stageBackoffMs: how long a tripped AWS stage waits", () => {
  it("doubles from one interval to at most four, and never beyond the operator's cap", () => {
    expect([1, 2, 3, 4, 9].map((f) => stageBackoffMs(15_000, f))).toEqual([15_000, 30_000, 60_000, 60_000, 60_000]);
    expect([1, 2, 3].map((f) => stageBackoffMs(4_000, f, 2_000))).toEqual([2_000, 2_000, 2_000]);
    expect(stageBackoffMs(1_000, 2, 60_000)).toBe(2_000);
  });
});
