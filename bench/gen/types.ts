import type * as k8s from "@/server/core/model/kubernetes";

/** Generator-internal facts kept next to the Snapshot objects they produce (never serialised). */

export interface NodeGen {
  name: string;
  /** Index into ZONES. */
  zone: number;
  ip: string;
  instanceId: string;
  /** Node pool label value, when the size uses pools (JOIN-5 target-node-labels). */
  pool: string | null;
  /** Labelled for the big instance-mode Service. */
  ingress: boolean;
  ready: boolean;
  /** ToBeDeletedByClusterAutoscaler (C3, L7: excluded from targets). */
  tainted: boolean;
  obj: k8s.Node;
}

export type PodState = "ready" | "not-ready" | "terminating" | "pending";

export interface PodGen {
  name: string;
  namespace: string;
  uid: string;
  node: NodeGen | null;
  ip: string | null;
  state: PodState;
  obj: k8s.Pod;
}

/** What creates a Service's load balancer (JOIN-1): legacy provider NLB or CLB, or the LBC in instance/ip mode. */
export type Flavour = "legacy-nlb" | "lbc-instance" | "lbc-ip" | "classic";

export interface PortPlan {
  name: string;
  port: number;
  targetPort: number;
  protocol: "TCP" | "UDP";
  nodePort?: number;
}

export type Role = "small" | "big-instance" | "big-ip" | null;

export interface ServicePlan {
  namespace: string;
  name: string;
  uid: string;
  flavour: Flavour | null;
  etp: "Local" | "Cluster";
  ports: PortPlan[];
  replicas: number;
  /** Pods run on, and instance targets come from, this node pool (target-node-labels). */
  pool: string | null;
  role: Role;
  /** Zones (indices) with a load balancer subnet (DST-3). */
  lbZones: number[];
  crossZone: boolean;
  internal: boolean;
  healthCheckNodePort?: number;
  annotations: Record<string, string>;
  loadBalancerClass?: string;
  pods: PodGen[];
  /** Set once the load balancer exists (status.loadBalancer.ingress hostname, JOIN-2). */
  hostname?: string;
}
