/**
 * What happened, next to what is configured (issue 12): CloudWatch metrics (observed traffic) and the history of
 * target health together with the Kubernetes changes that explain it. Both are optional parts of a Snapshot, so
 * older files (and sources that cannot read them) still load. Names are CloudWatch's and the APIs' own.
 */

/** One CloudWatch time series, as GetMetricData returns it (MetricDataResult), with the query that asked for it. */
export interface MetricSeries {
  /** "AWS/NetworkELB" (NLB) or "AWS/ELB" (Classic ELB). */
  namespace: string;
  /** Verbatim: NewFlowCount, ActiveFlowCount, ProcessedBytes, HealthyHostCount, UnHealthyHostCount, RequestCount. */
  metricName: string;
  /**
   * CloudWatch dimensions, verbatim: `LoadBalancer` ("net/<name>/<id>", the end of the ARN), `TargetGroup`
   * ("targetgroup/<name>/<id>"), `AvailabilityZone`, `LoadBalancerName` (Classic).
   */
  dimensions: Record<string, string>;
  /** Sum, Average, Maximum or Minimum. */
  stat: string;
  /**
   * Period start times (ISO), ascending, and their values. A period without a data point is absent: ELB reports a
   * metric only while traffic flows, so "absent" means none (or no data), never an error.
   */
  timestamps: string[];
  values: number[];
  /** MetricDataResult.StatusCode: Complete, PartialData, Forbidden, InternalError. */
  statusCode?: string;
}

export interface Metrics {
  /** The window asked for: [start, end), in periods of `periodSeconds`. */
  window: { start: string; end: string; periodSeconds: number };
  /** One per query, also those that returned no data point (so "queried, nothing there" differs from "not read"). */
  series: MetricSeries[];
}

/** One stretch of a target's health: `state` from `from` until `to` (null: still in it at the snapshot's time). */
export interface HealthSpan {
  /** TargetHealth.State (ELBv2) or InstanceState.State (Classic), verbatim. */
  state: string;
  reason?: string;
  from: string;
  to: string | null;
}

export interface TargetHistory {
  /** ELBv2 targets: their target group. */
  targetGroupArn?: string;
  /** Classic ELB instances: their load balancer. */
  loadBalancerName?: string;
  id: string;
  port?: number;
  /** When lbpath first saw this target: what it did before is unknown (unless `seenArriving`). */
  observedSince: string;
  /** lbpath was already watching when the target was registered: its first span starts with its registration. */
  seenArriving?: boolean;
  /** Oldest first. A fixed number is kept per target; older ones are dropped and `truncated` set. */
  spans: HealthSpan[];
  truncated?: boolean;
}

export type TimelineEventKind =
  | "pod-ready" | "pod-not-ready" | "pod-terminating" | "pod-deleted"
  | "endpoint-serving" | "endpoint-not-serving" | "endpoint-terminating"
  | "node-tainted" | "node-untainted" | "node-ready" | "node-not-ready" | "node-removed";

/** A Kubernetes change that can explain a target's health, derived from the watches (no Event objects are read). */
export interface TimelineEvent {
  at: string;
  kind: TimelineEventKind;
  /** "<namespace>/<name>" of the pod (pod and endpoint events). */
  pod?: string;
  /** The node: a node event's own, or the node the pod runs on. */
  node?: string;
  /** Pod IP (endpoint address): joins ip targets. */
  ip?: string;
  /** The taint ("key=value:Effect"), or the Service an endpoint belongs to ("<namespace>/<name>"). */
  detail?: string;
}

export interface Timeline {
  /** What the history covers: from when lbpath began watching (or the oldest entry kept) to its last change. */
  window: { start: string; end: string };
  targets: TargetHistory[];
  events: TimelineEvent[];
}
