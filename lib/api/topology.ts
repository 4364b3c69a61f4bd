import { z } from "zod";
import { FINDING_CODE_LIST, TARGET_CODE_LIST } from "./codes";
import { RULE_IDS } from "./rules";

/**
 * The wire contract of `GET /api/v1/clusters/{cluster}/namespaces/{namespace}/services/{name}/topology`
 * (documented in docs/api.md). The server builds it in server/core/buildTopology.ts; the client parses it
 * with these schemas. Shares are fractions of new flows in [0, 1]. Remember to update docs/api.md when
 * changing a field.
 */

export const Verdict = z.enum(["healthy", "expected", "transient", "fault", "unknown"]);
export type Verdict = z.infer<typeof Verdict>;

export const Severity = z.enum(["info", "warning", "critical"]);
export type Severity = z.infer<typeof Severity>;

export const Controller = z.enum(["legacy", "aws-load-balancer-controller", "eks-auto-mode", "unknown"]);
export type Controller = z.infer<typeof Controller>;

export const SeenAs = z.enum(["client", "node", "load-balancer"]);
export const ClientIpHeader = z.enum(["proxy-protocol-v1", "proxy-protocol-v2", "x-forwarded-for"]);
export type ClientIpHeader = z.infer<typeof ClientIpHeader>;

/** The codes of lib/api/codes.ts: findings and target verdicts carry one of these, nothing else. */
export const FindingCode = z.enum(FINDING_CODE_LIST);
export const TargetCode = z.enum(TARGET_CODE_LIST);

/** IDs of lib/api/rules.ts (docs/rules.md): a `rules` array holds nothing else. */
export const RuleId = z.enum(RULE_IDS);

export const Warning = z.object({ code: z.string(), message: z.string(), fix: z.string().optional(), source: z.enum(["kubernetes", "aws"]).optional() });
export type Warning = z.infer<typeof Warning>;

export const Finding = z.object({
  severity: Severity,
  /** Stable code (lib/api/codes.ts), documented in docs/findings.md. */
  code: FindingCode,
  message: z.string(),
  /** What to change. */
  action: z.string().optional(),
  /** Rule IDs (lib/api/rules.ts, docs/rules.md) behind the conclusion. */
  rules: z.array(RuleId).default([]),
  /** The path this finding is about (null: the whole Service). */
  pathId: z.string().nullable().default(null),
  /** Element keys (Target:…, Pod:…, Node:…, Zone:…) the finding is about, for highlighting. */
  refs: z.array(z.string()).default([]),
});
export type Finding = z.infer<typeof Finding>;

export const HealthCheck = z.object({
  protocol: z.string().nullable(),
  /** "traffic-port" or a number as a string, as AWS reports it. */
  port: z.string().nullable(),
  path: z.string().nullable(),
  intervalSeconds: z.number().nullable(),
  timeoutSeconds: z.number().nullable(),
  healthyThreshold: z.number().nullable(),
  unhealthyThreshold: z.number().nullable(),
  /** What the port is in Kubernetes terms: healthCheckNodePort, nodePort, targetPort, kube-proxy 10256, other. */
  portMeaning: z.enum(["healthCheckNodePort", "traffic-port", "kube-proxy-healthz", "other"]).nullable(),
});
export type HealthCheck = z.infer<typeof HealthCheck>;

/** Target counts by verdict. */
export const HealthCounts = z.object({ healthy: z.number(), expected: z.number(), transient: z.number(), fault: z.number(), unknown: z.number() });
export type HealthCounts = z.infer<typeof HealthCounts>;

export const TargetSince = z.object({ at: z.string(), atLeast: z.boolean() });
export type TargetSince = z.infer<typeof TargetSince>;

export const Target = z.object({
  /** Stable element key, e.g. "Target:i-0abc123:31234" or "Target:10.0.1.5:8080". */
  key: z.string(),
  /** Instance ID or IP address, as registered. */
  id: z.string(),
  port: z.number().nullable(),
  zone: z.string().nullable(),
  node: z.string().nullable(),
  pod: z.object({ namespace: z.string(), name: z.string() }).nullable(),
  /** ELBv2 TargetHealth.State verbatim; for a Classic ELB, its InstanceState mapped to the ELBv2 analog (§2.4), with AWS's Description kept in `description`. */
  state: z.string(),
  reason: z.string().nullable(),
  description: z.string().nullable(),
  healthCheckPort: z.string().nullable(),
  share: z.number(),
  verdict: Verdict,
  /** Finding code for the verdict, e.g. LOCAL_NO_ENDPOINT. */
  code: TargetCode,
  rules: z.array(RuleId),
  diagnosis: z.string(),
  action: z.string().nullable(),
  /** Ready local endpoints on this node (instance targets), as kube-proxy's health server counts them (HLT-3). */
  readyLocalEndpoints: z.number().nullable(),
  /** True when the LB node routes to this target although it is not healthy (fail-open, DST-5). */
  receivesFailOpenTraffic: z.boolean(),
  /** When it entered its current state (timeline); `atLeast`: no change seen since lbpath began watching. Null/absent: no history. */
  since: TargetSince.nullable().optional(),
  /** Health state changes in the 15 min before the snapshot (≥ 3: flapping, a fault). Absent: no history. */
  recentChanges: z.number().optional(),
});
export type Target = z.infer<typeof Target>;

export const PodSourceIp = z.object({
  seenAs: SeenAs,
  /** The address the pod sees, when it can be named (node IP, LB IPs); null for the client's own address. */
  address: z.string().nullable(),
  header: ClientIpHeader.nullable(),
  /** Row of the source-IP table (S1…S29) and rule IDs. */
  row: z.string(),
  rules: z.array(RuleId),
  explanation: z.string(),
});
export type PodSourceIp = z.infer<typeof PodSourceIp>;

export const PodShare = z.object({
  key: z.string(),
  namespace: z.string(),
  name: z.string(),
  node: z.string().nullable(),
  zone: z.string().nullable(),
  ip: z.string().nullable(),
  ready: z.boolean(),
  serving: z.boolean(),
  terminating: z.boolean(),
  share: z.number(),
  starved: z.boolean(),
  sourceIp: PodSourceIp,
});
export type PodShare = z.infer<typeof PodShare>;

export const ZoneState = z.object({
  key: z.string(),
  name: z.string(),
  /** The LB has a subnet there (DST-3). */
  enabled: z.boolean(),
  /**
   * DST-3: an ARC zonal shift moved traffic away from this zone (AdministrativeOverride on its targets):
   * `active` — out of DNS and its targets get no new flows; `delegated-to-dns` — out of DNS only. Null: no shift.
   */
  zonalShift: z.enum(["active", "delegated-to-dns"]).nullable(),
  /** The LB's IP for this zone is returned by DNS (DST-5). */
  inDns: z.boolean(),
  /** The LB node in this zone is below the routing threshold and sends to all targets (DST-5). */
  failingOpen: z.boolean(),
  healthyTargets: z.number(),
  targets: z.number(),
  /** Share of new flows entering the LB node of this zone (DST-6). */
  share: z.number(),
});
export type ZoneState = z.infer<typeof ZoneState>;

export const Imbalance = z.object({
  ratio: z.number().nullable(),
  level: z.enum(["ok", "warn", "high"]),
  fair: z.number().nullable(),
  /** Pod keys of Ready pods that receive no new flows. */
  starved: z.array(z.string()),
});
export type Imbalance = z.infer<typeof Imbalance>;

export const ClientIpPath = z.object({
  /** Source-table row (S1…S29). */
  row: z.string(),
  /** Where the client IP is first replaced, if anywhere. */
  snatAt: z.enum(["load-balancer", "kube-proxy"]).nullable(),
  /** What the node (instance) or pod ENI (ip) sees as L3 source (hop1). */
  hop1: SeenAs,
  header: ClientIpHeader.nullable(),
  rules: z.array(RuleId),
  summary: z.string(),
});
export type ClientIpPath = z.infer<typeof ClientIpPath>;

/** One condition of an ALB listener rule, as DescribeRules reports it (docs/alb.md). */
export const RuleConditionView = z.object({
  /** host-header, path-pattern, http-header, query-string, http-request-method, source-ip. */
  field: z.string(),
  /** Values (ORed); query-string pairs as "key=value" (or "value"); regex values prefixed "regex:". */
  values: z.array(z.string()),
  /** http-header: the header's name. */
  name: z.string().nullable(),
});
export type RuleConditionView = z.infer<typeof RuleConditionView>;

export const RuleTargetGroupView = z.object({
  arn: z.string(),
  name: z.string().nullable(),
  weight: z.number(),
  /** weight / Σ weights of the action: the fraction of the rule's requests this target group gets. */
  share: z.number(),
  /** The Service it is bound to (TargetGroupBinding or the controller's tags), if known. */
  service: z.object({ namespace: z.string(), name: z.string(), port: z.union([z.number(), z.string()]) }).nullable(),
});
export type RuleTargetGroupView = z.infer<typeof RuleTargetGroupView>;

export const RuleActionView = z.object({
  /** forward, redirect, fixed-response, authenticate-oidc, authenticate-cognito. */
  type: z.string(),
  targetGroups: z.array(RuleTargetGroupView).optional(),
  /** redirect: the target as "#{protocol}://#{host}:#{port}#{path}?#{query}" with AWS's placeholders, and the code. */
  redirect: z.object({ location: z.string(), statusCode: z.string() }).optional(),
  fixedResponse: z.object({ statusCode: z.string(), messageBody: z.string().nullable() }).optional(),
});
export type RuleActionView = z.infer<typeof RuleActionView>;

/** An ALB listener rule: priority order decides (lowest number first, the default rule last). */
export const RuleView = z.object({
  arn: z.string(),
  /** "1".."50000", or "default". */
  priority: z.string(),
  isDefault: z.boolean(),
  conditions: z.array(RuleConditionView),
  actions: z.array(RuleActionView),
  /** Priority of an earlier rule that matches every request this one matches: this rule never wins. */
  shadowedBy: z.string().nullable(),
  /** The Ingress (or route) whose path made this rule, when it can be told. */
  source: z.object({ kind: z.string(), namespace: z.string(), name: z.string() }).nullable(),
});
export type RuleView = z.infer<typeof RuleView>;
/** One zone of `paths[].observed` (docs/api.md "Observed traffic"). */
export const ObservedZone = z.object({
  zone: z.string(),
  /** New flows (NLB NewFlowCount, Classic RequestCount) entering this zone's load-balancer node in the window. */
  newFlows: z.number(),
  /** newFlows / all zones' new flows (0 when there were none). */
  share: z.number(),
  /** The path's expected share for this zone (`zones[].share`, DST-5/DST-6). */
  expectedShare: z.number(),
  /** New flows per period, oldest first, 0 where CloudWatch has no data point (the sparkline). */
  series: z.array(z.number()).optional(),
  /** Average concurrent flows (NLB ActiveFlowCount) and bytes (ProcessedBytes) in the window; null: no data. */
  activeFlows: z.number().nullable().optional(),
  processedBytes: z.number().nullable().optional(),
  /** This path's target group in this zone at the last period with data (HealthyHostCount max, UnHealthyHostCount min). */
  healthyHosts: z.number().nullable().optional(),
  unhealthyHosts: z.number().nullable().optional(),
});
export type ObservedZone = z.infer<typeof ObservedZone>;

export const Divergence = z.object({ level: z.enum(["ok", "warn", "high"]), message: z.string() });
export type Divergence = z.infer<typeof Divergence>;

/** Observed traffic per zone (CloudWatch) next to the expected split. Per load balancer and zone: no per-target numbers exist. */
export const Observed = z.object({
  window: z.object({ start: z.string(), end: z.string(), periodSeconds: z.number().optional() }),
  /** The CloudWatch metric the zones' newFlows come from: NewFlowCount (NLB, all listeners) or RequestCount (Classic). */
  metric: z.string().optional(),
  zones: z.array(ObservedZone),
  divergence: Divergence,
});
export type Observed = z.infer<typeof Observed>;

export const Path = z.object({
  /** Stable id, e.g. "network:k8s-shop-web-1a2b3c:80". */
  id: z.string(),
  servicePort: z.object({ name: z.string().nullable(), port: z.number(), protocol: z.string(), nodePort: z.number().nullable(), targetPort: z.union([z.number(), z.string()]).nullable() }),
  loadBalancer: z.object({
    kind: z.enum(["network", "classic", "application"]),
    name: z.string(),
    arn: z.string().nullable(),
    dnsName: z.string(),
    scheme: z.string().nullable(),
    state: z.string().nullable(),
    crossZone: z.boolean(),
    zones: z.array(z.string()),
    /** How the LB was matched to the Service (JOIN-2). */
    joinedBy: z.enum(["dns-name", "tags", "name"]),
    attributes: z.record(z.string(), z.string()),
  }),
  listener: z.object({ port: z.number(), protocol: z.string() }).nullable(),
  targetGroup: z
    .object({
      arn: z.string(),
      name: z.string(),
      targetType: z.enum(["instance", "ip"]),
      protocol: z.string().nullable(),
      port: z.number().nullable(),
      preserveClientIp: z.boolean(),
      proxyProtocol: z.enum(["v2"]).nullable(),
      healthCheck: HealthCheck,
      attributes: z.record(z.string(), z.string()),
    })
    .nullable(),
  /** Classic ELB: instance targets and the health check of the LB (there is no target group). */
  classicHealthCheck: HealthCheck.nullable(),
  clientIp: ClientIpPath,
  zones: z.array(ZoneState),
  targets: z.array(Target),
  pods: z.array(PodShare),
  dropped: z.number(),
  rejected: z.number(),
  /** Share that goes nowhere we can see (no targets, unknown health). pods + dropped + rejected + unknown = 1. */
  unknown: z.number(),
  failOpen: z.boolean(),
  imbalance: Imbalance,
  /** Health counts by verdict over this path's targets. */
  health: HealthCounts,
  // Optional (Ingress and Gateway topologies, issue 13): absent on Service paths.
  /** ALB: every rule of this path's listener, in evaluation order (docs/alb.md). */
  rules: z.array(RuleView).optional(),
  /** The Service this path's target group is bound to (Ingress/Gateway backends); null when unknown. */
  backendService: z
    .object({
      namespace: z.string(),
      name: z.string(),
      /** The backend Service's own policy: with instance targets it decides SNAT and the Local health check (ALB-H1). */
      externalTrafficPolicy: z.enum(["Cluster", "Local"]).optional(),
    })
    .nullable()
    .optional(),
  /**
   * A weighted forward sends only this fraction of its rule's requests to this target group; the pods' and targets'
   * shares are already multiplied by it, and `otherTargetGroups` (1 − weight) is what goes to the other groups.
   */
  weight: z.number().optional(),
  otherTargetGroups: z.number().optional(),
  /** Observed traffic (CloudWatch) against the expected split; null when there are no metrics for this load balancer. */
  observed: Observed.nullable().optional(),
});
export type Path = z.infer<typeof Path>;

export const ServiceInfo = z.object({
  namespace: z.string(),
  name: z.string(),
  type: z.string(),
  externalTrafficPolicy: z.enum(["Cluster", "Local"]),
  controller: Controller,
  loadBalancerClass: z.string().nullable(),
  healthCheckNodePort: z.number().nullable(),
  /** status.loadBalancer.ingress hostnames (and IPs). Empty: the LB is still <pending>. */
  ingress: z.array(z.string()),
  annotations: z.record(z.string(), z.string()),
  labels: z.record(z.string(), z.string()),
});
export type ServiceInfo = z.infer<typeof ServiceInfo>;

export const NodeInfo = z.object({
  key: z.string(),
  name: z.string(),
  zone: z.string().nullable(),
  instanceId: z.string().nullable(),
  internalIp: z.string().nullable(),
  ready: z.boolean(),
  /** Being deleted, tainted ToBeDeletedByClusterAutoscaler, or excluded from LBs. */
  excluded: z.string().nullable(),
});
export type NodeInfo = z.infer<typeof NodeInfo>;

/** Seconds between refreshes of each half (live sources); null where a half is not refreshed. */
export const RefreshSeconds = z.object({ kubernetes: z.number().nullable(), aws: z.number().nullable() });
export type RefreshSeconds = z.infer<typeof RefreshSeconds>;

/** How old the data is (docs/api.md "Data age"); `staleHalves()` in lib/api/dataAge.ts applies the 2× rule. */
export const DataAge = z.object({
  capturedAt: z.string(),
  kubernetes: z.string().nullable(),
  aws: z.string().nullable(),
  /** Live sources: the refresh intervals. Null (or absent): demo and snapshot files, which never refresh. */
  refreshSeconds: RefreshSeconds.nullable().optional(),
  /** The server's clock when it took the data from its cache: compare the ages with this, not the browser's clock. */
  servedAt: z.string().optional(),
});
export type DataAge = z.infer<typeof DataAge>;

/**
 * The Kubernetes half of a Service whose load-balancer half is missing (pending, not found, AWS unreadable, an
 * unmodelled controller, no listener for its ports): what is known without AWS, so the page can still draw
 * clients → a placeholder load balancer → nodes by zone → kube-proxy → pods.
 */
export const Skeleton = z.object({
  reason: z.enum(["pending", "not-found", "aws-unreadable", "unknown-controller", "no-listener"]),
  /** Says why, for the placeholder: "pending", "not found in us-east-1", "AWS unreadable (AWS_ACCESS_DENIED)". */
  message: z.string(),
  /** AWS unreadable: when AWS was last read, if ever (ISO); else null. */
  since: z.string().nullable(),
  region: z.string().nullable(),
  /** What the owning controller builds (JOIN-1); null parts are unknown. */
  expected: z.object({ kind: z.enum(["network", "classic", "application"]).nullable(), targetType: z.enum(["instance", "ip"]).nullable() }),
  hostname: z.string().nullable(),
  /** The source IP as far as externalTrafficPolicy alone decides it (SRC-8, SRC-9, SRC-11). */
  sourceIp: z.object({
    /** True when the load balancer's settings cannot change it (instance targets + Cluster: kube-proxy SNAT, SRC-8; a Classic ELB under Local: its own address, SRC-1). */
    decided: z.boolean(),
    seenAs: SeenAs.nullable(),
    snatAtKubeProxy: z.boolean(),
    rules: z.array(RuleId),
    explanation: z.string(),
  }),
  /** Nodes the controller would register (instance targets, JOIN-4) or that run pods of the Service. */
  nodes: z.array(z.object({ key: z.string(), name: z.string(), zone: z.string().nullable(), ready: z.boolean(), excluded: z.string().nullable(), registered: z.boolean(), readyLocalEndpoints: z.number() })),
  pods: z.array(z.object({ key: z.string(), namespace: z.string(), name: z.string(), node: z.string().nullable(), zone: z.string().nullable(), ip: z.string().nullable(), ready: z.boolean(), serving: z.boolean(), terminating: z.boolean() })),
});
export type Skeleton = z.infer<typeof Skeleton>;

/** A configuration object of the AWS Load Balancer Controller that applies to a Gateway or its backends (GW-4). */
export const ConfigurationView = z.object({
  kind: z.enum(["LoadBalancerConfiguration", "TargetGroupConfiguration", "ListenerRuleConfiguration"]),
  namespace: z.string(),
  name: z.string(),
  /** What it configures here, in words. */
  role: z.string(),
  /** False: referenced, but no such object exists. */
  found: z.boolean(),
});
export type ConfigurationView = z.infer<typeof ConfigurationView>;

/**
 * What a topology is about. Absent (older answers) means a Service. For an Ingress or a Gateway, `service` carries the
 * same identity (type "Ingress" / "Gateway") so Service-shaped clients keep working.
 */
export const Subject = z.object({
  kind: z.enum(["Service", "Ingress", "Gateway"]),
  namespace: z.string(),
  name: z.string(),
  /** IngressClass or GatewayClass name. */
  className: z.string().nullable(),
  /** The class's controller string, verbatim (ingress.k8s.aws/alb, eks.amazonaws.com/alb, gateway.k8s.aws/alb …). */
  controllerName: z.string().nullable(),
  /** IngressGroup (alb.ingress.kubernetes.io/group.name, or the implicit "<namespace>/<name>") and its members in order. */
  group: z.object({ name: z.string(), explicit: z.boolean(), members: z.array(z.object({ namespace: z.string(), name: z.string(), order: z.number() })) }).nullable(),
  hosts: z.array(z.string()),
  /** Gateways: the controller's configuration objects that apply (GW-4). */
  configurations: z.array(ConfigurationView).optional(),
});
export type Subject = z.infer<typeof Subject>;

export const Topology = z.object({
  cluster: z.string(),
  subject: Subject.optional(),
  service: ServiceInfo,
  nodes: z.array(NodeInfo),
  paths: z.array(Path),
  /** Set when `paths` is empty for a LoadBalancer Service: the Kubernetes half, drawn without the AWS half. */
  skeleton: Skeleton.nullable().optional(),
  findings: z.array(Finding),
  /** Partial data: what could not be read, with the fix. Non-empty ⇒ the view is partial. */
  warnings: z.array(Warning),
  age: DataAge,
});
export type Topology = z.infer<typeof Topology>;

/** One row of `GET /api/v1/clusters/{cluster}/services`. */
export const ServiceSummary = z.object({
  /** Absent: a LoadBalancer Service. "Ingress" / "Gateway" rows (issue 13) have the same columns. */
  kind: z.enum(["Service", "Ingress", "Gateway"]).optional(),
  namespace: z.string(),
  name: z.string(),
  controller: Controller,
  loadBalancerKind: z.enum(["network", "classic", "application"]).nullable(),
  targetType: z.enum(["instance", "ip"]).nullable(),
  externalTrafficPolicy: z.enum(["Cluster", "Local"]),
  /** "pending" (no ingress yet), "not-found" (ingress set, no LB in AWS), "ok", "unsupported" (controller not modelled), "unknown" (AWS unreadable). */
  status: z.enum(["ok", "pending", "not-found", "unsupported", "unknown"]),
  dnsNames: z.array(z.string()),
  health: HealthCounts,
  /** What the pods see: worst across paths (client < load-balancer/node). Null when unknown. */
  sourceIp: z.object({ seenAs: SeenAs, header: ClientIpHeader.nullable() }).nullable(),
  imbalance: z.object({ level: z.enum(["ok", "warn", "high"]), ratio: z.number().nullable() }),
  failOpen: z.boolean(),
  findings: z.array(z.object({ severity: Severity, code: FindingCode })),
  labels: z.record(z.string(), z.string()),
});
export type ServiceSummary = z.infer<typeof ServiceSummary>;

export const ServiceList = z.object({
  cluster: z.string(),
  services: z.array(ServiceSummary),
  warnings: z.array(Warning),
  age: DataAge,
});
export type ServiceList = z.infer<typeof ServiceList>;

export const TriageRow = z.object({
  /** The Service, Ingress or Gateway whose path it is (`kind` absent: a Service). */
  service: z.object({ namespace: z.string(), name: z.string(), kind: z.enum(["Service", "Ingress", "Gateway"]).optional() }),
  loadBalancer: z.string(),
  targetGroup: z.string().nullable(),
  pathId: z.string(),
  key: z.string(),
  id: z.string(),
  zone: z.string().nullable(),
  node: z.string().nullable(),
  pod: z.object({ namespace: z.string(), name: z.string() }).nullable(),
  state: z.string(),
  reason: z.string().nullable(),
  verdict: Verdict,
  code: TargetCode,
  diagnosis: z.string(),
  action: z.string().nullable(),
  /** 1 fail-open, 2 zone out of DNS, 3 fault, 4 transient, 5 expected (issue #4 ranking). */
  rank: z.number(),
  /** As Target.since / Target.recentChanges (timeline). */
  since: TargetSince.nullable().optional(),
  recentChanges: z.number().optional(),
});
export type TriageRow = z.infer<typeof TriageRow>;

export const Triage = z.object({
  cluster: z.string(),
  targets: z.array(TriageRow),
  warnings: z.array(Warning),
  age: DataAge,
});
export type Triage = z.infer<typeof Triage>;

export const ClusterInfo = z.object({
  name: z.string(),
  source: z.enum(["kubeconfig", "in-cluster", "demo", "snapshot"]),
  title: z.string().optional(),
  story: z.string().optional(),
  error: z.string().optional(),
});
export type ClusterInfo = z.infer<typeof ClusterInfo>;

export const ApiError = z.object({ error: z.object({ code: z.string(), message: z.string(), fix: z.string().optional() }) });
export type ApiError = z.infer<typeof ApiError>;
