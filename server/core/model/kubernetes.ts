/**
 * The Kubernetes objects the analysis reads, trimmed to the fields it needs.
 * Field names and literal values are exactly the Kubernetes API's (core/v1, discovery.k8s.io/v1), so a
 * snapshot file reads like `kubectl get -o json` output with most fields removed. Nothing here is trusted:
 * every string came from the cluster and is rendered as text only.
 */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
}

export interface ServicePort {
  name?: string;
  protocol?: "TCP" | "UDP" | "SCTP";
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface Service {
  metadata: ObjectMeta & { namespace: string };
  spec: {
    type?: "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";
    ports?: ServicePort[];
    selector?: Record<string, string>;
    externalTrafficPolicy?: "Cluster" | "Local";
    internalTrafficPolicy?: "Cluster" | "Local";
    healthCheckNodePort?: number;
    loadBalancerClass?: string;
    allocateLoadBalancerNodePorts?: boolean;
    trafficDistribution?: string;
    ipFamilies?: string[];
  };
  status?: { loadBalancer?: { ingress?: { hostname?: string; ip?: string }[] } };
}

export interface EndpointConditions {
  ready?: boolean | null;
  serving?: boolean | null;
  terminating?: boolean | null;
}

export interface Endpoint {
  addresses: string[];
  conditions?: EndpointConditions;
  nodeName?: string;
  zone?: string;
  targetRef?: { kind?: string; namespace?: string; name?: string; uid?: string };
  hints?: { forZones?: { name: string }[]; forNodes?: { name: string }[] };
}

export interface EndpointPort {
  name?: string;
  port?: number;
  protocol?: "TCP" | "UDP" | "SCTP";
}

export interface EndpointSlice {
  metadata: ObjectMeta & { namespace: string };
  addressType: "IPv4" | "IPv6" | "FQDN";
  endpoints?: Endpoint[];
  ports?: EndpointPort[];
}

export interface Taint {
  key: string;
  value?: string;
  effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute" | string;
}

export interface NodeCondition {
  type: string;
  status: "True" | "False" | "Unknown";
}

export interface Node {
  metadata: ObjectMeta;
  spec?: { providerID?: string; taints?: Taint[]; unschedulable?: boolean };
  status?: { conditions?: NodeCondition[]; addresses?: { type: string; address: string }[] };
}

/**
 * A lifecycle handler (core/v1 LifecycleHandler), trimmed: `exec` keeps only the `sleep N` its command contains
 * (other commands may carry tokens), `httpGet` only port and scheme.
 */
export interface LifecycleHandler {
  exec?: { command?: string[] };
  sleep?: { seconds: number };
  httpGet?: { port?: number | string; scheme?: string };
  tcpSocket?: { port?: number | string };
}

export interface Container {
  name: string;
  /** The ports it declares: which container serves the Service's targetPort (rollout check). */
  ports?: { containerPort: number; name?: string }[];
  lifecycle?: { preStop?: LifecycleHandler };
}

export interface Pod {
  metadata: ObjectMeta & { namespace: string };
  spec?: {
    nodeName?: string;
    /** Always set by the API server (default 30); absent in snapshots that did not capture the pod spec. */
    terminationGracePeriodSeconds?: number;
    /** Only containers with a preStop hook or declared ports are kept. */
    containers?: Container[];
    /** e.g. `target-health.elbv2.k8s.aws/<target group binding>` (LBC pod readiness gate, L10). */
    readinessGates?: { conditionType: string }[];
  };
  status?: { phase?: string; podIP?: string; conditions?: { type: string; status: string }[] };
}

/** Well-known labels and taints (K7, L7, C3). */
export const LABEL_ZONE = "topology.kubernetes.io/zone";
export const LABEL_ZONE_LEGACY = "failure-domain.beta.kubernetes.io/zone";
export const LABEL_SERVICE_NAME = "kubernetes.io/service-name";
export const LABEL_EXCLUDE_FROM_LB = "node.kubernetes.io/exclude-from-external-load-balancers";
export const TAINT_TO_BE_DELETED = "ToBeDeletedByClusterAutoscaler";
