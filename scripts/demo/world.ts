import { hex, instanceId, k8sSuffix, subnetId, uuid } from "./ids";
import type { NodeDef, PodDef, ZoneLetter } from "./model";

/** Fixed facts of every demo scenario. */
export const CAPTURED_AT = "2026-11-20T10:00:00Z";
export const REGION = "us-east-1";
export const ACCOUNT = "123456789012";
/** Cluster id in AWS tags (`kubernetes.io/cluster/demo`, `elbv2.k8s.aws/cluster=demo`). */
export const CLUSTER_ID = "demo";
/** Nodes and pods exist for weeks before the snapshot unless a scenario says otherwise. */
export const LONG_AGO = "2026-10-28T07:41:12Z";

const ZONE_INDEX: Record<ZoneLetter, number> = { a: 0, b: 1, c: 2 };

export function zoneName(z: ZoneLetter): string {
  return `${REGION}${z}`;
}

/** A Node with everything derived: EKS-style name, InternalIP, instance ID (A4 providerID). */
export interface ResolvedNode {
  def: NodeDef;
  name: string;
  ip: string;
  zone: string;
  instanceId: string;
}

export interface ResolvedPod {
  def: PodDef;
  name: string;
  namespace: string;
  uid: string;
  ip: string;
  node: ResolvedNode;
}

/**
 * The addressing plan of one cluster: a VPC 10.x.0.0/16 with, per zone, a private /20 for nodes and pods
 * (the VPC CNI gives pods addresses from the node's subnet) and a public subnet for load balancer ENIs.
 */
export class World {
  readonly nodes: ResolvedNode[];
  readonly pods: ResolvedPod[];
  readonly vpcId: string;

  constructor(
    readonly seed: string,
    nodes: NodeDef[],
    pods: PodDef[],
    namespaceOf: (p: PodDef) => string,
    /** Second octet of the VPC CIDR: 0 for the scenario's cluster, others for decoy clusters. */
    readonly net = 0,
  ) {
    this.vpcId = `vpc-0${hex(`vpc/${seed}/${net}`, 16)}`;
    this.nodes = nodes.map((def, i) => {
      const ip = `10.${net}.${16 * ZONE_INDEX[def.zone] + 1}.${11 + i}`;
      return { def, ip, name: `ip-${ip.replaceAll(".", "-")}.ec2.internal`, zone: zoneName(def.zone), instanceId: instanceId(`${seed}/${net}/${def.key}`) };
    });
    this.pods = pods.map((def, i) => {
      const node = this.node(def.node);
      const namespace = def.namespace ?? namespaceOf(def);
      return {
        def,
        node,
        namespace,
        name: `${def.deployment ?? def.app}-${this.templateHash(def)}-${k8sSuffix(`${seed}/pod/${def.key}`, 5)}`,
        uid: uuid(`${seed}/pod/${def.key}`),
        ip: `10.${net}.${16 * ZONE_INDEX[node.def.zone] + 4}.${21 + i}`,
      };
    });
  }

  /** pod-template-hash of the pod's ReplicaSet (old and new revisions differ during a rolling update). */
  templateHash(def: PodDef): string {
    return k8sSuffix(`${this.seed}/rs/${def.deployment ?? def.app}/${def.revision ?? "new"}`, 10);
  }

  node(key: string): ResolvedNode {
    const n = this.nodes.find((x) => x.def.key === key);
    if (!n) throw new Error(`${this.seed}: unknown node ${key}`);
    return n;
  }

  pod(key: string): ResolvedPod {
    const p = this.pods.find((x) => x.def.key === key);
    if (!p) throw new Error(`${this.seed}: unknown pod ${key}`);
    return p;
  }

  /** Private subnet of the nodes in a zone. */
  nodeSubnet(z: ZoneLetter): string {
    return subnetId(`${this.seed}/${this.net}/private/${z}`);
  }

  /** Public subnet (internet-facing load balancers) or private one (internal), per zone. */
  lbSubnet(z: ZoneLetter, internal: boolean): string {
    return internal ? this.nodeSubnet(z) : subnetId(`${this.seed}/${this.net}/public/${z}`);
  }

  /** A load balancer ENI address in a zone (internal NLBs with fixed private IPs). */
  lbPrivateIp(z: ZoneLetter, lbIndex: number): string {
    return `10.${this.net}.${16 * ZONE_INDEX[z] + 12}.${100 + lbIndex}`;
  }
}
