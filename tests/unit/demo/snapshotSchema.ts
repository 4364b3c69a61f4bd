import { z } from "zod";
import type { Snapshot } from "@/server/core/model/snapshot";

/**
 * A strict zod mirror of server/core/model (Snapshot and everything in it). Unknown keys are errors, so a
 * scenario file cannot carry fields the readers (demo, snapshot file, emulator round trip) would drop.
 * The type assertions at the bottom fail to compile when the model and this mirror drift apart.
 */

const str = z.string();
const strMap = z.record(z.string(), z.string());

const ObjectMeta = z
  .object({
    name: str,
    namespace: str.optional(),
    uid: str.optional(),
    labels: strMap.optional(),
    annotations: strMap.optional(),
    creationTimestamp: str.optional(),
    deletionTimestamp: str.optional(),
  })
  .strict();
const NsMeta = ObjectMeta.extend({ namespace: str }).strict();
const Proto = z.enum(["TCP", "UDP", "SCTP"]);

const Service = z
  .object({
    metadata: NsMeta,
    spec: z
      .object({
        type: z.enum(["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"]).optional(),
        ports: z
          .array(z.object({ name: str.optional(), protocol: Proto.optional(), port: z.number(), targetPort: z.union([z.number(), str]).optional(), nodePort: z.number().optional() }).strict())
          .optional(),
        selector: strMap.optional(),
        externalTrafficPolicy: z.enum(["Cluster", "Local"]).optional(),
        internalTrafficPolicy: z.enum(["Cluster", "Local"]).optional(),
        healthCheckNodePort: z.number().optional(),
        loadBalancerClass: str.optional(),
        allocateLoadBalancerNodePorts: z.boolean().optional(),
        trafficDistribution: str.optional(),
        ipFamilies: z.array(str).optional(),
      })
      .strict(),
    status: z
      .object({ loadBalancer: z.object({ ingress: z.array(z.object({ hostname: str.optional(), ip: str.optional() }).strict()).optional() }).strict().optional() })
      .strict()
      .optional(),
  })
  .strict();

const EndpointSlice = z
  .object({
    metadata: NsMeta,
    addressType: z.enum(["IPv4", "IPv6", "FQDN"]),
    endpoints: z
      .array(
        z
          .object({
            addresses: z.array(str),
            conditions: z.object({ ready: z.boolean().nullable().optional(), serving: z.boolean().nullable().optional(), terminating: z.boolean().nullable().optional() }).strict().optional(),
            nodeName: str.optional(),
            zone: str.optional(),
            targetRef: z.object({ kind: str.optional(), namespace: str.optional(), name: str.optional(), uid: str.optional() }).strict().optional(),
            hints: z.object({ forZones: z.array(z.object({ name: str }).strict()).optional(), forNodes: z.array(z.object({ name: str }).strict()).optional() }).strict().optional(),
          })
          .strict(),
      )
      .optional(),
    ports: z.array(z.object({ name: str.optional(), port: z.number().optional(), protocol: Proto.optional() }).strict()).optional(),
  })
  .strict();

const Node = z
  .object({
    metadata: ObjectMeta,
    spec: z
      .object({ providerID: str.optional(), taints: z.array(z.object({ key: str, value: str.optional(), effect: str }).strict()).optional(), unschedulable: z.boolean().optional() })
      .strict()
      .optional(),
    status: z
      .object({
        conditions: z.array(z.object({ type: str, status: z.enum(["True", "False", "Unknown"]) }).strict()).optional(),
        addresses: z.array(z.object({ type: str, address: str }).strict()).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const Port = z.union([z.number(), str]);
const Handler = z
  .object({
    exec: z.object({ command: z.array(str).optional() }).strict().optional(),
    sleep: z.object({ seconds: z.number() }).strict().optional(),
    httpGet: z.object({ port: Port.optional(), scheme: str.optional() }).strict().optional(),
    tcpSocket: z.object({ port: Port.optional() }).strict().optional(),
  })
  .strict();
const Pod = z
  .object({
    metadata: NsMeta,
    spec: z
      .object({
        nodeName: str.optional(),
        terminationGracePeriodSeconds: z.number().optional(),
        containers: z.array(z.object({ name: str, lifecycle: z.object({ preStop: Handler.optional() }).strict().optional() }).strict()).optional(),
        readinessGates: z.array(z.object({ conditionType: str }).strict()).optional(),
      })
      .strict()
      .optional(),
    status: z.object({ phase: str.optional(), podIP: str.optional(), conditions: z.array(z.object({ type: str, status: str }).strict()).optional() }).strict().optional(),
  })
  .strict();

const Action = z
  .object({
    type: str,
    targetGroupArn: str.optional(),
    forwardConfig: z.object({ targetGroups: z.array(z.object({ targetGroupArn: str, weight: z.number().optional() }).strict()).optional() }).strict().optional(),
    order: z.number().optional(),
    redirectConfig: z.object({ protocol: str.optional(), port: str.optional(), host: str.optional(), path: str.optional(), query: str.optional(), statusCode: str }).strict().optional(),
    fixedResponseConfig: z.object({ statusCode: str, contentType: str.optional(), messageBody: str.optional() }).strict().optional(),
  })
  .strict();
const Values = z.object({ values: z.array(str).optional(), regexValues: z.array(str).optional() }).strict();
const Rule = z
  .object({
    ruleArn: str,
    priority: str,
    conditions: z.array(
      z
        .object({
          field: str,
          values: z.array(str).optional(),
          hostHeaderConfig: Values.optional(),
          pathPatternConfig: Values.optional(),
          httpHeaderConfig: z.object({ httpHeaderName: str.optional(), values: z.array(str).optional(), regexValues: z.array(str).optional() }).strict().optional(),
          queryStringConfig: z.object({ values: z.array(z.object({ key: str.optional(), value: str.optional() }).strict()).optional() }).strict().optional(),
          httpRequestMethodConfig: z.object({ values: z.array(str).optional() }).strict().optional(),
          sourceIpConfig: z.object({ values: z.array(str).optional() }).strict().optional(),
        })
        .strict(),
    ),
    actions: z.array(Action),
    isDefault: z.boolean(),
  })
  .strict();

// ALB Ingress and Gateway API objects (server/core/model/ingress.ts, crds.ts).
const LbStatus = z.object({ loadBalancer: z.object({ ingress: z.array(z.object({ hostname: str.optional(), ip: str.optional() }).strict()).optional() }).strict().optional() }).strict();
const Backend = z
  .object({
    service: z.object({ name: str, port: z.object({ number: z.number().optional(), name: str.optional() }).strict().optional() }).strict().optional(),
    resource: z.object({ apiGroup: str.optional(), kind: str, name: str }).strict().optional(),
  })
  .strict();
const Ingress = z
  .object({
    metadata: NsMeta,
    spec: z
      .object({
        ingressClassName: str.optional(),
        defaultBackend: Backend.optional(),
        rules: z.array(z.object({ host: str.optional(), http: z.object({ paths: z.array(z.object({ path: str.optional(), pathType: z.enum(["Exact", "Prefix", "ImplementationSpecific"]).optional(), backend: Backend }).strict()) }).strict().optional() }).strict()).optional(),
        tls: z.array(z.object({ hosts: z.array(str).optional() }).strict()).optional(),
      })
      .strict(),
    status: LbStatus.optional(),
  })
  .strict();
const IngressClass = z
  .object({
    metadata: ObjectMeta,
    spec: z.object({ controller: str.optional(), parameters: z.object({ apiGroup: str.optional(), kind: str, name: str, namespace: str.optional(), scope: str.optional() }).strict().optional() }).strict(),
  })
  .strict();
const IngressClassParams = z
  .object({
    apiVersion: z.enum(["elbv2.k8s.aws/v1beta1", "eks.amazonaws.com/v1"]),
    metadata: ObjectMeta,
    spec: z
      .object({
        group: z.object({ name: str }).strict().optional(),
        scheme: str.optional(),
        ipAddressType: str.optional(),
        targetType: str.optional(),
        certificateArn: z.array(str).optional(),
        certificateARNs: z.array(str).optional(),
        loadBalancerAttributes: z.array(z.object({ key: str, value: str }).strict()).optional(),
      })
      .strict(),
  })
  .strict();
const TargetGroupBinding = z
  .object({
    metadata: NsMeta,
    spec: z
      .object({
        targetGroupARN: str.optional(),
        targetGroupName: str.optional(),
        targetType: z.enum(["instance", "ip"]).optional(),
        serviceRef: z.object({ name: str, port: z.union([z.number(), str]) }).strict(),
        nodeSelector: z.object({ matchLabels: strMap.optional() }).strict().optional(),
        multiClusterTargetGroup: z.boolean().optional(),
        ipAddressType: str.optional(),
      })
      .strict(),
  })
  .strict();
const GatewayClass = z
  .object({ metadata: ObjectMeta, spec: z.object({ controllerName: str, parametersRef: z.object({ group: str, kind: str, name: str, namespace: str.optional() }).strict().optional() }).strict() })
  .strict();
const Gateway = z
  .object({
    metadata: NsMeta,
    spec: z
      .object({
        gatewayClassName: str,
        listeners: z.array(z.object({ name: str, port: z.number(), protocol: str, hostname: str.optional() }).strict()),
        infrastructure: z.object({ parametersRef: z.object({ group: str, kind: str, name: str }).strict().optional() }).strict().optional(),
      })
      .strict(),
    status: z.object({ addresses: z.array(z.object({ type: str.optional(), value: str }).strict()).optional() }).strict().optional(),
  })
  .strict();
const NameValue = z.array(z.object({ type: z.enum(["Exact", "RegularExpression"]).optional(), name: str, value: str }).strict());
const Route = z
  .object({
    kind: z.enum(["HTTPRoute", "TCPRoute", "UDPRoute", "TLSRoute"]),
    metadata: NsMeta,
    spec: z
      .object({
        parentRefs: z.array(z.object({ group: str.optional(), kind: str.optional(), namespace: str.optional(), name: str, sectionName: str.optional(), port: z.number().optional() }).strict()).optional(),
        hostnames: z.array(str).optional(),
        rules: z
          .array(
            z
              .object({
                matches: z.array(z.object({ path: z.object({ type: z.enum(["Exact", "PathPrefix", "RegularExpression"]).optional(), value: str.optional() }).strict().optional(), headers: NameValue.optional(), queryParams: NameValue.optional(), method: str.optional() }).strict()).optional(),
                backendRefs: z.array(z.object({ group: str.optional(), kind: str.optional(), namespace: str.optional(), name: str, port: z.number().optional(), weight: z.number().optional() }).strict()).optional(),
                filters: z.array(z.object({ type: str, extensionRef: z.object({ group: str.optional(), kind: str.optional(), name: str }).strict().optional() }).strict()).optional(),
              })
              .strict(),
          )
          .optional(),
      })
      .strict(),
  })
  .strict();
const LoadBalancerConfiguration = z
  .object({
    metadata: NsMeta,
    spec: z.object({ loadBalancerName: str.optional(), scheme: str.optional(), ipAddressType: str.optional(), mergingMode: str.optional(), defaultTargetGroupConfiguration: z.object({ name: str }).strict().optional() }).strict(),
  })
  .strict();
const TargetGroupProps = z.object({ targetType: str.optional() }).strict();
const TargetGroupConfiguration = z
  .object({
    metadata: NsMeta,
    spec: z
      .object({
        targetReference: z.object({ group: str.optional(), kind: str.optional(), name: str }).strict().optional(),
        defaultConfiguration: TargetGroupProps.optional(),
        routeConfigurations: z.array(z.object({ routeIdentifier: z.object({ kind: str, namespace: str.optional(), name: str.optional() }).strict(), targetGroupProps: TargetGroupProps }).strict()).optional(),
      })
      .strict(),
  })
  .strict();
const ListenerRuleConfiguration = z
  .object({ metadata: NsMeta, spec: z.object({ conditions: z.array(z.object({ field: str }).strict()).optional(), actions: z.array(z.object({ type: str }).strict()).optional() }).strict() })
  .strict();

const LoadBalancer = z
  .object({
    loadBalancerArn: str,
    loadBalancerName: str,
    dnsName: str,
    type: z.enum(["application", "network", "gateway"]),
    scheme: z.enum(["internet-facing", "internal"]).optional(),
    state: str.optional(),
    vpcId: str.optional(),
    ipAddressType: str.optional(),
    availabilityZones: z.array(
      z
        .object({
          zoneName: str,
          subnetId: str.optional(),
          loadBalancerAddresses: z.array(z.object({ ipAddress: str.optional(), privateIPv4Address: str.optional(), iPv6Address: str.optional() }).strict()).optional(),
        })
        .strict(),
    ),
    attributes: strMap,
    tags: strMap,
    listeners: z.array(
      z
        .object({
          listenerArn: str,
          port: z.number(),
          protocol: str,
          defaultActions: z.array(Action),
          certificates: z.array(z.object({ certificateArn: str, isDefault: z.boolean().optional() }).strict()).optional(),
          rules: z.array(Rule).optional(),
        })
        .strict(),
    ),
  })
  .strict();

const TargetGroup = z
  .object({
    targetGroupArn: str,
    targetGroupName: str,
    protocol: str.optional(),
    port: z.number().optional(),
    targetType: z.enum(["instance", "ip", "lambda", "alb"]),
    healthCheckEnabled: z.boolean().optional(),
    healthCheckProtocol: str.optional(),
    healthCheckPort: str.optional(),
    healthCheckPath: str.optional(),
    healthCheckIntervalSeconds: z.number().optional(),
    healthCheckTimeoutSeconds: z.number().optional(),
    healthyThresholdCount: z.number().optional(),
    unhealthyThresholdCount: z.number().optional(),
    matcher: z.object({ httpCode: str.optional() }).strict().optional(),
    loadBalancerArns: z.array(str),
    ipAddressType: str.optional(),
    attributes: strMap,
    tags: strMap,
    targetHealthDescriptions: z
      .array(
        z
          .object({
            target: z.object({ id: str, port: z.number().optional(), availabilityZone: str.optional() }).strict(),
            healthCheckPort: str.optional(),
            targetHealth: z
              .object({
                state: z.enum(["initial", "healthy", "unhealthy", "unhealthy.draining", "unused", "draining", "unavailable"]),
                reason: str.optional(),
                description: str.optional(),
              })
              .strict(),
            administrativeOverride: z.object({ state: str.optional(), reason: str.optional(), description: str.optional() }).strict().optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

const ClassicLoadBalancer = z
  .object({
    loadBalancerName: str,
    dnsName: str,
    scheme: z.enum(["internet-facing", "internal"]).optional(),
    listenerDescriptions: z.array(
      z
        .object({
          listener: z.object({ protocol: str, loadBalancerPort: z.number(), instanceProtocol: str.optional(), instancePort: z.number() }).strict(),
          policyNames: z.array(str).optional(),
        })
        .strict(),
    ),
    backendServerDescriptions: z.array(z.object({ instancePort: z.number(), policyNames: z.array(str).optional() }).strict()).optional(),
    policies: z.array(z.object({ policyName: str, policyTypeName: str.optional() }).strict()).optional(),
    instances: z.array(z.object({ instanceId: str }).strict()),
    availabilityZones: z.array(str),
    subnets: z.array(str).optional(),
    healthCheck: z
      .object({ target: str, interval: z.number().optional(), timeout: z.number().optional(), healthyThreshold: z.number().optional(), unhealthyThreshold: z.number().optional() })
      .strict()
      .optional(),
    attributes: z
      .object({ crossZoneLoadBalancing: z.boolean().optional(), connectionDraining: z.object({ enabled: z.boolean(), timeout: z.number().optional() }).strict().optional() })
      .strict(),
    tags: strMap,
    instanceStates: z
      .array(z.object({ instanceId: str, state: z.enum(["InService", "OutOfService", "Unknown"]), reasonCode: str.optional(), description: str.optional() }).strict())
      .optional(),
  })
  .strict();

const Metrics = z
  .object({
    window: z.object({ start: str, end: str, periodSeconds: z.number() }).strict(),
    series: z.array(
      z
        .object({ namespace: str, metricName: str, dimensions: strMap, stat: str, timestamps: z.array(str), values: z.array(z.number()), statusCode: str.optional() })
        .strict(),
    ),
  })
  .strict();
const EventKind = z.enum([
  "pod-ready", "pod-not-ready", "pod-terminating", "pod-deleted", "endpoint-serving", "endpoint-not-serving", "endpoint-terminating",
  "node-tainted", "node-untainted", "node-ready", "node-not-ready", "node-removed",
]);
const Timeline = z
  .object({
    window: z.object({ start: str, end: str }).strict(),
    targets: z.array(
      z
        .object({
          targetGroupArn: str.optional(),
          loadBalancerName: str.optional(),
          id: str,
          port: z.number().optional(),
          observedSince: str,
          seenArriving: z.boolean().optional(),
          spans: z.array(z.object({ state: str, reason: str.optional(), from: str, to: str.nullable() }).strict()),
          truncated: z.boolean().optional(),
        })
        .strict(),
    ),
    events: z.array(z.object({ at: str, kind: EventKind, pod: str.optional(), node: str.optional(), ip: str.optional(), detail: str.optional() }).strict()),
  })
  .strict();

export const SnapshotSchema = z
  .object({
    schemaVersion: z.literal(1),
    capturedAt: str,
    cluster: z.object({ name: str, awsClusterName: str.optional(), region: str.optional() }).strict(),
    kubernetes: z
      .object({
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
        loadBalancerConfigurations: z.array(LoadBalancerConfiguration).optional(),
        targetGroupConfigurations: z.array(TargetGroupConfiguration).optional(),
        listenerRuleConfigurations: z.array(ListenerRuleConfiguration).optional(),
      })
      .strict(),
    aws: z.object({ loadBalancers: z.array(LoadBalancer), targetGroups: z.array(TargetGroup), classicLoadBalancers: z.array(ClassicLoadBalancer) }).strict(),
    problems: z
      .array(z.object({ code: str, source: z.enum(["kubernetes", "aws"]), message: str, fix: str.optional(), detail: str.optional() }).strict())
      .optional(),
    meta: z.object({ title: str.optional(), story: str.optional() }).strict().optional(),
    ages: z.object({ kubernetes: str.optional(), aws: str.optional() }).strict().optional(),
    metrics: Metrics.optional(),
    timeline: Timeline.optional(),
  })
  .strict();

// Drift guards: each direction must be assignable.
type Parsed = z.infer<typeof SnapshotSchema>;
export const _modelFitsSchema = (s: Snapshot): Parsed => s;
export const _schemaFitsModel = (s: Parsed): Snapshot => s;
