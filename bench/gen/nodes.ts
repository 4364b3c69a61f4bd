import type * as k8s from "@/server/core/model/kubernetes";
import type { Rng } from "../prng";
import type { SizeSpec } from "../sizes";
import { REGION, ZONES, ZONE_IDS, createdBefore, instanceId, uuid, zoneAddress } from "./ids";
import type { NodeGen } from "./types";

export const POOL_LABEL = "node-pool";
export const INGRESS_LABEL = "ingress-ready";

/**
 * EKS-style nodes spread round-robin over three zones. About 1 % are NotReady and 0.5 % carry the
 * ToBeDeletedByClusterAutoscaler taint (never among the big instance Service's nodes, so it keeps exactly
 * `bigInstanceTargets` registered targets: the legacy provider keeps NotReady nodes, drops tainted ones, C3).
 * Labels are only those the live source keeps (zone, region, zone-id, and the target-node-labels keys).
 */
export function generateNodes(spec: SizeSpec, rng: Rng, zoneCounters: number[]): NodeGen[] {
  const nodes: NodeGen[] = [];
  for (let i = 0; i < spec.nodes; i++) {
    const zone = i % 3;
    const ip = zoneAddress(zone, zoneCounters[zone]++);
    const name = `ip-${ip.replaceAll(".", "-")}.ec2.internal`;
    const iid = instanceId(rng);
    const ingress = i < spec.bigInstanceTargets;
    const ready = !rng.chance(0.01);
    const tainted = ready && !ingress && rng.chance(0.005);
    const pool = spec.nodePoolSize ? `pool-${String(Math.floor(i / spec.nodePoolSize)).padStart(3, "0")}` : null;
    const labels: Record<string, string> = {
      "topology.kubernetes.io/region": REGION,
      "topology.kubernetes.io/zone": ZONES[zone],
      "topology.k8s.aws/zone-id": ZONE_IDS[zone],
    };
    if (pool) labels[POOL_LABEL] = pool;
    if (ingress) labels[INGRESS_LABEL] = "true";
    const obj: k8s.Node = {
      metadata: { name, uid: uuid(rng), labels, creationTimestamp: createdBefore(rng, 60) },
      spec: {
        providerID: `aws:///${ZONES[zone]}/${iid}`,
        ...(tainted ? { taints: [{ key: "ToBeDeletedByClusterAutoscaler", value: String(1763630000 + rng.int(10000)), effect: "NoSchedule" }] } : {}),
      },
      status: {
        conditions: [
          { type: "MemoryPressure", status: ready ? "False" : "Unknown" },
          { type: "DiskPressure", status: ready ? "False" : "Unknown" },
          { type: "PIDPressure", status: ready ? "False" : "Unknown" },
          { type: "Ready", status: ready ? "True" : "Unknown" },
        ],
        addresses: [
          { type: "InternalIP", address: ip },
          { type: "InternalDNS", address: name },
          { type: "Hostname", address: name },
        ],
      },
    };
    nodes.push({ name, zone, ip, instanceId: iid, pool, ingress, ready, tainted, obj });
  }
  return nodes;
}
