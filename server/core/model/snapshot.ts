import type * as k8s from "./kubernetes";
import type * as elbv2 from "./elbv2";
import type * as elb from "./elb";
import type * as ing from "./ingress";
import type * as crd from "./crds";
import type { Metrics, Timeline } from "./observed";

/**
 * A problem met while reading the sources. Problems make a snapshot partial; the analysis still runs on
 * what was read and the UI marks the affected half as unknown.
 */
export interface SourceProblem {
  /** Stable code, e.g. K8S_FORBIDDEN, AWS_ACCESS_DENIED, AWS_THROTTLED, K8S_UNREACHABLE, AWS_UNREACHABLE. */
  code: string;
  /** Which half of the data is affected. */
  source: "kubernetes" | "aws";
  message: string;
  /** What to do about it (names the missing permission, the setting, …). */
  fix?: string;
  /** e.g. "list endpointslices.discovery.k8s.io" or "elasticloadbalancing:DescribeTargetHealth". */
  detail?: string;
  /**
   * The affected data is held, not missing: the last good copy, current until this ISO time (a live cache whose
   * watch or refresh broke after a good read). The analysis uses it; `ages` says how old it is.
   */
  heldSince?: string;
}

/**
 * The raw material for one cluster at one moment. Demo, snapshot-file and live sources all produce it.
 * Immutable once built: indexes and topologies are memoised per snapshot object, so a change in the
 * cluster must produce a new Snapshot object, never an in-place edit.
 */
export interface Snapshot {
  schemaVersion: 1;
  /** ISO-8601 time the data was read (the oldest half, when halves differ). */
  capturedAt: string;
  cluster: {
    name: string;
    /**
     * The cluster identity in AWS tags (`kubernetes.io/cluster/<id>`, `elbv2.k8s.aws/cluster=<id>`), when known.
     * JOIN-2 uses it to refuse other clusters' load balancers when joining by tags.
     */
    awsClusterName?: string;
    region?: string;
  };
  kubernetes: {
    services: k8s.Service[];
    endpointSlices: k8s.EndpointSlice[];
    nodes: k8s.Node[];
    pods: k8s.Pod[];
    // The rest is optional, so snapshots written before they existed still load. Undefined: none, or not read (an
    // older file; a custom resource whose CRD is not installed, which is not an error; or a problem says why).
    ingresses?: ing.Ingress[];
    ingressClasses?: ing.IngressClass[];
    ingressClassParams?: ing.IngressClassParams[];
    targetGroupBindings?: crd.TargetGroupBinding[];
    gatewayClasses?: crd.GatewayClass[];
    gateways?: crd.Gateway[];
    /** HTTPRoute, TCPRoute, UDPRoute and TLSRoute objects (`kind` tells which). */
    routes?: crd.Route[];
    loadBalancerConfigurations?: crd.LoadBalancerConfiguration[];
    targetGroupConfigurations?: crd.TargetGroupConfiguration[];
    listenerRuleConfigurations?: crd.ListenerRuleConfiguration[];
  };
  aws: {
    loadBalancers: elbv2.LoadBalancer[];
    targetGroups: elbv2.TargetGroup[];
    classicLoadBalancers: elb.LoadBalancerDescription[];
  };
  problems?: SourceProblem[];
  /** Demo and saved snapshots: what the scenario shows (rendered as text). */
  meta?: { title?: string; story?: string };
  /** Per-half read times, when a live cache refreshes them separately. */
  ages?: { kubernetes?: string; aws?: string };
  /** CloudWatch metrics of the load balancers (observed traffic per zone); absent when not read. */
  metrics?: Metrics;
  /** Target health over time and the Kubernetes changes that explain it; absent when not recorded. */
  timeline?: Timeline;
}
