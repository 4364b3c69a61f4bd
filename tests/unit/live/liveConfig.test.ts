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

describe("liveConfig: CloudWatch and the timeline (issue 12)", () => {
  it("reads metrics every 60 s over 15 min and keeps 6 h of history, 64 spans per target, 2,000 Kubernetes changes", () => {
    const c = liveConfig({});
    expect(c.aws.metricsMs).toBe(60_000);
    expect(c.aws.metricsWindowMinutes).toBe(15);
    expect(c.aws.timeline).toEqual({ windowMs: 6 * 3600_000, maxSpans: 64 });
    expect(c.events).toEqual({ windowMs: 6 * 3600_000, capacity: 2_000 });
  });

  it("follows the settings within their bounds, and turns CloudWatch off with 0 or off", () => {
    const c = liveConfig({ LBPATH_METRICS_SECONDS: "120", LBPATH_METRICS_WINDOW_MINUTES: "30", LBPATH_TIMELINE_HOURS: "2", LBPATH_TIMELINE_SPANS: "16", LBPATH_TIMELINE_EVENTS: "500" });
    expect([c.aws.metricsMs, c.aws.metricsWindowMinutes, c.aws.timeline, c.events]).toEqual([120_000, 30, { windowMs: 7_200_000, maxSpans: 16 }, { windowMs: 7_200_000, capacity: 500 }]);
    expect(liveConfig({ LBPATH_METRICS_SECONDS: "0" }).aws.metricsMs).toBe(0);
    expect(liveConfig({ LBPATH_METRICS_SECONDS: "off" }).aws.metricsMs).toBe(0);
    for (const bad of ["1", "181", "x"]) expect(liveConfig({ LBPATH_METRICS_WINDOW_MINUTES: bad }).aws.metricsWindowMinutes).toBe(15);
    for (const bad of ["0", "25", "2.5"]) expect(liveConfig({ LBPATH_TIMELINE_HOURS: bad }).aws.timeline.windowMs).toBe(6 * 3600_000);
    expect(liveConfig({ LBPATH_TIMELINE_SPANS: "2" }).aws.timeline.maxSpans).toBe(64);
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
