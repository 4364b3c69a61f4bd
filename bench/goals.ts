/**
 * The issue-6 goals (perf-reliability.md G1, G3, G5, G6, G8), as data. The benchmark reports met/missed
 * against them; it never fails on them (a tool, not a test).
 */
export const GOALS = {
  /** G1: warm topology p95 by target count bracket (≤ 100, ≤ 1,000, ≤ 3,000 targets). */
  topologyP95Ms(targets: number): number {
    return targets <= 100 ? 50 : targets <= 1000 ? 150 : 400;
  },
  /** Warm topology p95 within this multiple of the JSON.stringify floor. */
  floorMultiple: 5,
  /** G3: navigation → graph painted, the 500-target Service. */
  graphMs: 1500,
  /** G5: initial JS of the service page, gzip, KB = 1,000 bytes. */
  initialJsGzipBytes: 250_000,
  /** G8: server RSS after the snapshot is loaded. */
  rssMiB: { L: 300, XL: 512 } as Record<string, number>,
  /** Cold-load AWS calls within 10 % of the API minimum. */
  awsCallsRatio: 1.1,
};
