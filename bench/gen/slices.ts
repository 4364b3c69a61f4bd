import type * as k8s from "@/server/core/model/kubernetes";
import type { Rng } from "../prng";
import { ZONES, createdBefore, k8sSuffix, uuid } from "./ids";
import type { ServicePlan } from "./types";

/** The EndpointSlice controller's default (`--max-endpoints-per-slice`, perf-reliability.md §1). */
export const MAX_ENDPOINTS_PER_SLICE = 100;

/**
 * EndpointSlices as the controller writes them: at most 100 endpoints each, labelled with the Service name (K6),
 * conditions per HLT-5 (not ready: ready=false, serving=false; terminating: ready=false, serving=true,
 * terminating=true), nodeName and zone (DST-4), targetRef to the Pod. `kubernetes` gets the API server's
 * addresses, with no targetRef (the apiserver maintains that slice itself).
 */
export function generateSlices(rng: Rng, plans: ServicePlan[]): k8s.EndpointSlice[] {
  const slices: k8s.EndpointSlice[] = [];
  for (const plan of plans) {
    const ports: k8s.EndpointPort[] = plan.ports.map((p) => ({ name: p.name, port: p.targetPort, protocol: p.protocol }));
    let endpoints: k8s.Endpoint[];
    if (plan.namespace === "default" && plan.name === "kubernetes") {
      endpoints = [{ addresses: ["10.0.0.10"], conditions: { ready: true } }, { addresses: ["10.64.0.10"], conditions: { ready: true } }];
    } else {
      endpoints = plan.pods
        .filter((p) => p.ip && p.node)
        .map((p) => ({
          addresses: [p.ip!],
          conditions: p.state === "ready" ? { ready: true, serving: true, terminating: false }
            : p.state === "terminating" ? { ready: false, serving: true, terminating: true }
            : { ready: false, serving: false, terminating: false },
          nodeName: p.node!.name,
          zone: ZONES[p.node!.zone],
          targetRef: { kind: "Pod", namespace: p.namespace, name: p.name, uid: p.uid },
        }));
    }
    for (let i = 0; i === 0 || i < endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
      slices.push({
        metadata: {
          name: `${plan.name}-${k8sSuffix(rng, 5)}`,
          namespace: plan.namespace,
          uid: uuid(rng),
          labels: { "kubernetes.io/service-name": plan.name },
          creationTimestamp: createdBefore(rng, 30),
        },
        addressType: "IPv4",
        endpoints: endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE),
        ports,
      });
    }
  }
  return slices;
}
