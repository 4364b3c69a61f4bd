import { GetMetricDataCommand, type GetMetricDataCommandOutput, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { MetricSeries, Metrics } from "@/server/core/model/observed";
import { metricQueries, type MetricQuery } from "@/server/core/analysis/metricKeys";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { awsCall, chunks, LIST_TIMEOUT_FACTOR, type AwsReadContext } from "./awsCall";

/**
 * Observed traffic (issue 12): every metric of a region's load balancers in as few GetMetricData calls as the API
 * allows, 500 queries a call (`cloudwatch:GetMetricData`, the only CloudWatch action lbpath calls). A call pages by
 * NextToken only when its data points exceed MaxDatapoints (default 100,800; 500 queries × 15 points is 7,500), so
 * the minimum is ⌈queries / 500⌉ calls per read.
 *
 * Per NLB and enabled zone: NewFlowCount (Sum), ActiveFlowCount (Average), ProcessedBytes (Sum); per target group
 * of the NLB and zone: HealthyHostCount (Maximum), UnHealthyHostCount (Minimum). Per Classic ELB and zone:
 * RequestCount (Sum), HealthyHostCount (Maximum). 60-second periods over the window, which ends at the last whole
 * minute. Per ALB and zone: RequestCount (Sum) (issue 13).
 */

export const MAX_QUERIES_PER_CALL = 500;
export const PERIOD_SECONDS = 60;

export { metricQueries, type MetricQuery };

/** The window ending at the last whole minute before `now`. */
export function metricsWindow(nowMs: number, minutes: number): Metrics["window"] {
  const end = Math.floor(nowMs / 60_000) * 60_000;
  return { start: new Date(end - minutes * 60_000).toISOString(), end: new Date(end).toISOString(), periodSeconds: PERIOD_SECONDS };
}

const toQuery = (q: MetricQuery, i: number): MetricDataQuery => ({
  // Ids must start with a lower-case letter and be unique within a call.
  Id: `q${i}`,
  MetricStat: {
    Metric: { Namespace: q.namespace, MetricName: q.metricName, Dimensions: Object.entries(q.dimensions).map(([Name, Value]) => ({ Name, Value })) },
    Period: PERIOD_SECONDS,
    Stat: q.stat,
  },
  ReturnData: true,
});

/**
 * GetMetricData for all queries: ⌈n/500⌉ calls, each followed through its NextToken pages (results of one query
 * can continue on the next page and are joined). Through the read's gate, so the region's call budget paces them.
 * Undefined when not one call succeeded (the problem is in the context's log); a batch that failed leaves its
 * series out, so those load balancers read as "not read", never as "no traffic".
 */
export async function fetchMetrics(client: CloudWatchClient, ctx: AwsReadContext, queries: MetricQuery[], window: Metrics["window"], pageSize?: number): Promise<Metrics | undefined> {
  if (!queries.length) return { window, series: [] };
  const batches = chunks(queries, MAX_QUERIES_PER_CALL);
  const results = await Promise.all(batches.map(async (batch) => {
    const acc = new Map<string, { t: number[]; v: number[]; status?: string }>();
    let token: string | undefined;
    do {
      const input = {
        MetricDataQueries: batch.map(toQuery),
        StartTime: new Date(window.start),
        EndTime: new Date(window.end),
        ScanBy: "TimestampAscending" as const,
        ...(token ? { NextToken: token } : {}),
        ...(pageSize ? { MaxDatapoints: pageSize } : {}),
      };
      const out: GetMetricDataCommandOutput | undefined = await awsCall(ctx, "cloudwatch:GetMetricData", `${batch.length} queries`,
        (o) => client.send(new GetMetricDataCommand(input), o), LIST_TIMEOUT_FACTOR);
      if (!out) return undefined;
      for (const r of out.MetricDataResults ?? []) {
        const a = acc.get(r.Id ?? "") ?? { t: [], v: [] };
        (r.Timestamps ?? []).forEach((ts, i) => { a.t.push(new Date(ts).getTime()); a.v.push(r.Values?.[i] ?? 0); });
        a.status = r.StatusCode ?? a.status;
        acc.set(r.Id ?? "", a);
      }
      token = out.NextToken || undefined;
    } while (token);
    return batch.map((q, i): MetricSeries => {
      const a = acc.get(`q${i}`) ?? { t: [], v: [] };
      const order = a.t.map((_, k) => k).sort((x, y) => a.t[x] - a.t[y]);
      return {
        ...q,
        timestamps: order.map((k) => new Date(a.t[k]).toISOString().replace(/\.000Z$/, "Z")),
        values: order.map((k) => a.v[k]),
        ...(a.status ? { statusCode: a.status } : {}),
      };
    });
  }));
  if (results.every((r) => r === undefined)) return undefined;
  return { window, series: results.flatMap((r) => r ?? []) };
}
