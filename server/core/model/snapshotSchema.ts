import { z } from "zod";

/**
 * Structural check of a snapshot file before the analysis sees it. Files come from users and bug reports,
 * so they are untrusted: this rejects anything the core would trip over, with the path of the first
 * problem. Objects pass through unknown fields (the model reads only what it knows).
 */
const str = z.string();
const rec = z.record(z.string(), z.string());
const meta = z.looseObject({ name: str, namespace: str.optional(), labels: rec.optional(), annotations: rec.optional() });
const nsMeta = z.looseObject({ name: str, namespace: str, labels: rec.optional(), annotations: rec.optional() });

const Service = z.looseObject({
  metadata: nsMeta,
  spec: z.looseObject({ type: str.optional(), ports: z.array(z.looseObject({ port: z.number(), name: str.optional(), nodePort: z.number().optional() })).optional() }),
});
const EndpointSlice = z.looseObject({
  metadata: nsMeta,
  addressType: str,
  endpoints: z.array(z.looseObject({ addresses: z.array(str) })).nullish(),
  ports: z.array(z.looseObject({ name: str.nullish(), port: z.number().nullish() })).nullish(),
});
const Node = z.looseObject({ metadata: meta });
const Pod = z.looseObject({ metadata: nsMeta });
const LoadBalancer = z.looseObject({
  loadBalancerArn: str,
  loadBalancerName: str,
  dnsName: str,
  type: str,
  availabilityZones: z.array(z.looseObject({ zoneName: str })),
  attributes: rec,
  tags: rec,
  listeners: z.array(z.looseObject({
    port: z.number(),
    protocol: str,
    defaultActions: z.array(z.looseObject({ type: str })),
    rules: z.array(z.looseObject({ priority: str, conditions: z.array(z.looseObject({ field: str })), actions: z.array(z.looseObject({ type: str })) })).optional(),
  })),
});
const TargetGroup = z.looseObject({
  targetGroupArn: str,
  targetGroupName: str,
  targetType: str,
  loadBalancerArns: z.array(str),
  attributes: rec,
  tags: rec,
  targetHealthDescriptions: z.array(z.looseObject({ target: z.looseObject({ id: str }), targetHealth: z.looseObject({ state: str }) })).optional(),
});
const Classic = z.looseObject({
  loadBalancerName: str,
  dnsName: str,
  listenerDescriptions: z.array(z.looseObject({ listener: z.looseObject({ protocol: str, loadBalancerPort: z.number(), instancePort: z.number() }) })),
  instances: z.array(z.looseObject({ instanceId: str })),
  availabilityZones: z.array(str),
  attributes: z.looseObject({}),
  tags: rec,
});

// The ALB / Gateway objects are optional (older files have none); what the analysis indexes by must be there.
const IngressBackend = z.looseObject({ service: z.looseObject({ name: str }).optional() });
const Ingress = z.looseObject({
  metadata: nsMeta,
  spec: z.looseObject({
    ingressClassName: str.optional(),
    defaultBackend: IngressBackend.optional(),
    rules: z.array(z.looseObject({ host: str.optional(), http: z.looseObject({ paths: z.array(z.looseObject({ backend: IngressBackend })) }).optional() })).optional(),
  }),
});
const IngressClass = z.looseObject({ metadata: meta, spec: z.looseObject({ controller: str.optional() }) });
const IngressClassParams = z.looseObject({ apiVersion: str, metadata: meta, spec: z.looseObject({}) });
const TargetGroupBinding = z.looseObject({ metadata: nsMeta, spec: z.looseObject({ serviceRef: z.looseObject({ name: str, port: z.union([z.number(), str]) }) }) });
const GatewayClass = z.looseObject({ metadata: meta, spec: z.looseObject({ controllerName: str }) });
const Gateway = z.looseObject({ metadata: nsMeta, spec: z.looseObject({ gatewayClassName: str, listeners: z.array(z.looseObject({ name: str, port: z.number(), protocol: str })) }) });
const Route = z.looseObject({ kind: z.enum(["HTTPRoute", "TCPRoute", "UDPRoute", "TLSRoute"]), metadata: nsMeta, spec: z.looseObject({}) });
const Namespaced = z.looseObject({ metadata: nsMeta, spec: z.looseObject({}) });
// Optional history (issue 12). Checked only as far as the analysis reads it: series values must be numbers, so a
// hand-edited file cannot turn the observed shares into NaN.
const MetricSeries = z.looseObject({
  namespace: str, metricName: str, dimensions: rec, stat: str,
  timestamps: z.array(str), values: z.array(z.number()),
}).refine((s) => s.timestamps.length === s.values.length, { message: "timestamps and values differ in length" });
const Metrics = z.looseObject({
  window: z.looseObject({ start: str, end: str, periodSeconds: z.number().positive() }),
  series: z.array(MetricSeries),
});
const HealthSpan = z.looseObject({ state: str, reason: str.optional(), from: str, to: str.nullable() });
const Timeline = z.looseObject({
  window: z.looseObject({ start: str, end: str }),
  targets: z.array(z.looseObject({ id: str, observedSince: str, spans: z.array(HealthSpan), targetGroupArn: str.optional(), loadBalancerName: str.optional(), port: z.number().optional() })),
  events: z.array(z.looseObject({ at: str, kind: str })),
});

export const SnapshotSchema = z.looseObject({
  schemaVersion: z.literal(1),
  capturedAt: str,
  cluster: z.looseObject({ name: str }),
  kubernetes: z.object({
    services: z.array(Service),
    endpointSlices: z.array(EndpointSlice),
    nodes: z.array(Node),
    pods: z.array(Pod),
    ingresses: z.array(Ingress).optional(),
    ingressClasses: z.array(IngressClass).optional(),
    ingressClassParams: z.array(IngressClassParams).optional(),
    targetGroupBindings: z.array(TargetGroupBinding).optional(),
    gatewayClasses: z.array(GatewayClass).optional(),
    gateways: z.array(Gateway).optional(),
    routes: z.array(Route).optional(),
    loadBalancerConfigurations: z.array(Namespaced).optional(),
    targetGroupConfigurations: z.array(Namespaced).optional(),
    listenerRuleConfigurations: z.array(Namespaced).optional(),
  }),
  aws: z.object({ loadBalancers: z.array(LoadBalancer), targetGroups: z.array(TargetGroup), classicLoadBalancers: z.array(Classic) }),
  metrics: Metrics.optional(),
  timeline: Timeline.optional(),
});

/** The first problem, as "kubernetes.services[3].metadata.name: expected string". */
export function describeSnapshotError(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "invalid snapshot";
}
