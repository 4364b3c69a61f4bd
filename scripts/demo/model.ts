import type { Taint } from "../../server/core/model/kubernetes";

/**
 * The scenario language: a scenario names nodes, pods and Services the way the reference's worked cases do
 * (n1 in zone a runs p1 …) plus, per load balancer, the target health AWS reports. The builder turns that
 * into the objects the real APIs return, doing what each controller would do with the Service's annotations
 * (names, tags, listeners, health-check settings, attributes), so annotations and AWS state agree.
 */

export type ZoneLetter = "a" | "b" | "c";

export interface NodeDef {
  /** Short key used in the scenario ("n1"); the Node gets an EKS-style name (ip-10-0-1-11.ec2.internal). */
  key: string;
  zone: ZoneLetter;
  /** Node condition Ready (default "True"). */
  ready?: "True" | "False" | "Unknown";
  taints?: Taint[];
  /** metadata.deletionTimestamp set. */
  deleting?: boolean;
  /** Default: weeks before capturedAt. */
  createdAt?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/**
 * Pod states, as the EndpointSlice controller reports them (K6, HLT-5):
 * - ready: Ready=True → ready/serving true.
 * - terminating: deletionTimestamp set, readiness still passing → ready false, serving true, terminating true.
 * - not-ready: readiness failing (e.g. CrashLoopBackOff) → ready/serving false.
 * - gate-pending / gate-failing: containers ready, LBC readiness gate not yet true (L10) → ready/serving false.
 */
export type PodState = "ready" | "terminating" | "not-ready" | "gate-pending" | "gate-failing";

export interface PodDef {
  key: string;
  node: string;
  /** Value of the `app` label. */
  app: string;
  /** The Deployment that owns the pod (its name prefixes the pod's); default: `app`. */
  deployment?: string;
  state?: PodState;
  /** Extra labels (e.g. track=canary). */
  labels?: Record<string, string>;
  /** Rolling updates: pods of the old ReplicaSet get another pod-template-hash. */
  revision?: "old" | "new";
  annotations?: Record<string, string>;
  /** Default: the namespace of the first Service selecting it, else "default". */
  namespace?: string;
  /**
   * The pod spec fields the rollout check reads (issue 12). Without it the pod carries none, as a snapshot that did
   * not capture them (the check then skips the pod).
   */
  spec?: PodSpecDef;
}

export interface PodSpecDef {
  terminationGracePeriodSeconds: number;
  /** The container's preStop hook: a sleep action, an exec command, or an HTTP GET to a port. */
  preStop?: { sleep: number } | { exec: string[] } | { httpGet: number };
  /** The LBC readiness gate (namespace labelled elbv2.k8s.aws/pod-readiness-gate-inject=enabled). */
  readinessGate?: boolean;
}

export interface PortDef {
  name: string;
  port: number;
  targetPort: number;
  nodePort: number;
  protocol?: "TCP" | "UDP";
}

/**
 * Target health as AWS would report it (ELBv2 TargetHealth / Classic InstanceState), before any analysis.
 * `absent`: not registered at all.
 */
export type HealthSpec = "healthy" | "failed" | "registering" | "initial" | "not-in-use" | "stopped" | "draining" | "absent";

export interface LbDef {
  /** Zones the load balancer has a subnet in (DST-3). */
  zones: ZoneLetter[];
  /** Target health keyed by node key (instance, Classic) or pod key (ip); default: healthy, or `not-in-use` outside `zones`. */
  health?: Record<string, HealthSpec>;
  /** Per listener port, when the target groups of one Service differ. */
  healthByPort?: Record<number, Record<string, HealthSpec>>;
  /** TargetHealth.Description overrides (hostile-text scenario), keyed like `health`. */
  descriptions?: Record<string, string>;
  /** LoadBalancerAddresses with the private IPs (internal NLB with `aws-load-balancer-private-ipv4-addresses`). */
  privateIps?: boolean;
  state?: "active" | "provisioning" | "active_impaired" | "failed";
}

export interface ServiceDef {
  namespace: string;
  name: string;
  /** Pod selector; default { app: name }. */
  selector?: Record<string, string>;
  type?: "LoadBalancer" | "ClusterIP";
  ports: PortDef[];
  externalTrafficPolicy?: "Cluster" | "Local";
  /** Required with Local. */
  healthCheckNodePort?: number;
  loadBalancerClass?: string;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  /**
   * `undefined` for ClusterIP; `"pending"`: no LB yet, no ingress; `"missing"`: ingress set, LB gone from AWS;
   * `"foreign"`: owned by a controller lbpath does not model (another controller set `ipAddress`).
   */
  lb?: LbDef | "pending" | "missing" | "foreign";
}

/** An AWS load balancer that belongs to no Service of this cluster (JOIN-2 decoys). */
export interface DecoyDef {
  /** Cluster id in its tags. */
  clusterId: string;
  /** The Service it was made for, in its own cluster. */
  service: ServiceDef & { lb: LbDef };
  /** Its own cluster's nodes (instance IDs derived from them, not in this snapshot). */
  nodes: NodeDef[];
  pods: PodDef[];
}

/** CloudWatch data the demo carries for each load balancer (issue 12): the expected split, perturbed. */
export interface ObservedDef {
  /** New flows per minute through each load balancer (default 600). */
  flowsPerMinute?: number;
  /** Multiply a zone's expected share (then renormalise): 0 = the zone gets no new flows. */
  zoneFactor?: Partial<Record<ZoneLetter, number>>;
  /** Share of new flows that still reach zones out of DNS (clients caching DNS); default 0.005. */
  outOfDnsShare?: number;
}

/** What the demo timeline adds beyond what the current state implies. */
export interface TimelineDef {
  /** Targets (node keys, pod keys for ip targets) whose health flaps in the last 15 minutes. */
  flapping?: string[];
}

export interface ScenarioDef {
  /** kebab-case; the cluster is demo-<id>. */
  id: string;
  title: string;
  /** 2–4 sentences: the setup, what to look at, what lbpath should conclude. */
  story: string;
  nodes: NodeDef[];
  pods: PodDef[];
  services: ServiceDef[];
  decoys?: DecoyDef[];
  observed?: ObservedDef;
  timeline?: TimelineDef;
}
