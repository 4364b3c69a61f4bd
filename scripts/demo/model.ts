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
  /** Cordoned (`kubectl cordon`/`drain`): spec.unschedulable and the node.kubernetes.io/unschedulable taint. */
  cordoned?: boolean;
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
export type HealthSpec = "healthy" | "failed" | "registering" | "initial" | "not-in-use" | "stopped" | "draining" | "absent" | "response-code-mismatch" | "timeout";

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
  /**
   * An ARC zonal shift away from this zone (NLB with `zonal_shift.config.enabled=true`): DescribeTargetHealth then
   * reports AdministrativeOverride `zonal_shift_active` on the zone's targets and `no_override` on the others (DST-3).
   * `delegated-to-dns` reports `zonal_shift_delegated_to_dns` instead; zone null: no shift now (every target
   * reports `no_override`, as after a shift ended).
   */
  zonalShift?: { zone: ZoneLetter | null; state?: "active" | "delegated-to-dns" };
}

export interface ServiceDef {
  namespace: string;
  name: string;
  /** Pod selector; default { app: name }. */
  selector?: Record<string, string>;
  /** NodePort: an Ingress backend with instance targets (the ALB registers nodes on the nodePort). */
  type?: "LoadBalancer" | "ClusterIP" | "NodePort";
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

/** One path of an Ingress rule. `port: "use-annotation"` names an `actions.<service>` annotation (weighted forward). */
export interface IngressPathDef {
  path: string;
  pathType?: "Prefix" | "Exact" | "ImplementationSpecific";
  service: string;
  port: number | "use-annotation";
}

/** An Ingress as an operator writes it, for the AWS Load Balancer Controller (or EKS Auto Mode). */
export interface IngressDef {
  namespace: string;
  name: string;
  /** spec.ingressClassName (default "alb"). */
  className?: string;
  /** alb.ingress.kubernetes.io/group.name and group.order. */
  group?: string;
  order?: number;
  targetType?: "instance" | "ip";
  scheme?: "internet-facing" | "internal";
  rules: { host?: string; paths: IngressPathDef[] }[];
  defaultBackend?: { service: string; port: number };
  /** listen-ports HTTP:80 and HTTPS:443 with a certificate (default: HTTP:80 only). */
  https?: boolean;
  /** alb.ingress.kubernetes.io/actions.<name>: a weighted forward to these Service ports. */
  weighted?: Record<string, { service: string; port: number; weight: number }[]>;
}

/** The ALB an IngressGroup (or one Ingress) gets, with the target health AWS reports. */
export interface AlbDef {
  /** ingress.k8s.aws/stack: the group name, or "<namespace>/<name>" of an Ingress without a group. */
  stack: string;
  zones: ZoneLetter[];
  /** By target group "<service>:<port>", then node key (instance) or pod key (ip). */
  health?: Record<string, Record<string, HealthSpec>>;
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
  /** IngressClasses: name → controller (ingress.k8s.aws/alb, eks.amazonaws.com/alb). */
  ingressClasses?: Record<string, string>;
  ingresses?: IngressDef[];
  albs?: AlbDef[];
  /** Target groups made outside the cluster (an NLB by Terraform) and bound to a Service by hand (TGB). */
  externalTargetGroups?: ExternalTargetGroupDef[];
  /** Gateway API objects of the AWS Load Balancer Controller (gateway.k8s.aws/alb). */
  gateways?: GatewayDef[];
  observed?: ObservedDef;
  timeline?: TimelineDef;
}

export interface ExternalTargetGroupDef {
  /** The TargetGroupBinding's (and the target group's) name. */
  name: string;
  service: { namespace: string; name: string; port: number };
  zones: ZoneLetter[];
  /** Instance IDs registered by something else (another cluster, a script): foreign targets. */
  foreignTargets: { id: string; zone: ZoneLetter }[];
  multiCluster?: boolean;
}

/** An HTTPRoute: the ALB has one rule per route rule (PathPrefix → path and path/*). */
export interface HttpRouteDef {
  kind?: "HTTPRoute";
  name: string;
  hostnames?: string[];
  rules: { pathPrefix: string; service: string; port: number }[];
}

/** A TCPRoute or UDPRoute on one Gateway listener: the NLB's listener forwards to the backend's target group. */
export interface L4RouteDef {
  kind: "TCPRoute" | "UDPRoute";
  name: string;
  /** The Gateway listener (and the NLB listener) the route attaches to by sectionName. */
  listener: { name: string; port: number };
  backend: { service: string; port: number };
}

/**
 * One Gateway with one route. An HTTPRoute makes it a `gateway.k8s.aws/alb` Gateway (an ALB), a TCPRoute or UDPRoute
 * a `gateway.k8s.aws/nlb` one (an NLB): the controller does not mix L4 and L7 routes on one Gateway (GW-1).
 */
export interface GatewayDef {
  namespace: string;
  name: string;
  className: string;
  route: HttpRouteDef | L4RouteDef;
  zones: ZoneLetter[];
  /** NLB Gateways: target health AWS reports, by node key (instance targets). */
  health?: Record<string, HealthSpec>;
  /**
   * The controller's configuration objects (GW-4): a LoadBalancerConfiguration `<gateway>-lb` on the Gateway (its
   * scheme, and a default TargetGroupConfiguration `<gateway>-tg-defaults` when `defaultTargetType` is set), and a
   * TargetGroupConfiguration `<service>-tg` per entry of `serviceTargetTypes`. The AWS side stays as built (ip targets).
   */
  config?: { scheme?: string; defaultTargetType?: "ip" | "instance"; serviceTargetTypes?: Record<string, "ip" | "instance"> };
}
