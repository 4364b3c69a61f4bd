import type * as k8s from "../model/kubernetes";
import type { SnapshotIndex } from "../index/snapshotIndex";
import { objectKey, zoneOfNode } from "../index/snapshotIndex";

/** One endpoint of one Service port, with the EndpointSlice conditions resolved (HLT-5 nil defaults). */
export interface EndpointView {
  address: string;
  port: number | null;
  nodeName: string | null;
  zone: string | null;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  pod: { namespace: string; name: string } | null;
  /** Zone hints (topology-aware routing / trafficDistribution), when present. */
  forZones: string[] | null;
  forNodes: string[] | null;
}

/**
 * The endpoints kube-proxy programs for one Service port: EndpointSlices labelled
 * `kubernetes.io/service-name` whose port name matches the Service port's name (K6, P8).
 * Nil conditions default as kube-proxy does: ready=nil→true, serving=nil→true, terminating=nil→false (HLT-5).
 */
export function endpointsForPort(svc: k8s.Service, port: k8s.ServicePort, index: SnapshotIndex): EndpointView[] {
  const slices = index.slicesByService.get(objectKey(svc.metadata.namespace, svc.metadata.name)) ?? [];
  const wanted = port.name ?? "";
  const byAddress = new Map<string, EndpointView>();
  for (const slice of slices) {
    if (slice.addressType === "FQDN") continue;
    const slicePort = (slice.ports ?? []).find((p) => (p.name ?? "") === wanted);
    if (!slicePort) continue;
    for (const e of slice.endpoints ?? []) {
      const address = e.addresses?.[0];
      if (!address) continue;
      const c = e.conditions ?? {};
      const ready = c.ready ?? true;
      const view: EndpointView = {
        address,
        port: slicePort.port ?? null,
        nodeName: e.nodeName ?? null,
        zone: e.zone ?? zoneFromNode(e.nodeName, index),
        ready,
        serving: c.serving ?? true,
        terminating: c.terminating ?? false,
        pod: e.targetRef?.kind === "Pod" && e.targetRef.name ? { namespace: e.targetRef.namespace ?? svc.metadata.namespace, name: e.targetRef.name } : null,
        forZones: e.hints?.forZones?.map((z) => z.name) ?? null,
        forNodes: e.hints?.forNodes?.map((n) => n.name) ?? null,
      };
      // The same address can sit in two slices while the controller moves it; prefer the ready copy.
      const prev = byAddress.get(address);
      if (!prev || (!prev.ready && view.ready)) byAddress.set(address, view);
    }
  }
  return [...byAddress.values()].sort((a, b) => (a.pod?.name ?? a.address).localeCompare(b.pod?.name ?? b.address));
}

function zoneFromNode(nodeName: string | undefined, index: SnapshotIndex): string | null {
  const node = nodeName ? index.nodesByName.get(nodeName) : undefined;
  return (node && zoneOfNode(node)) ?? null;
}

/** The pod behind an endpoint as the API names it (PodShare, Skeleton pods): key, name, where, conditions. */
export function podOfEndpoint(e: EndpointView, namespace: string) {
  return {
    key: e.pod ? `Pod:${e.pod.namespace}/${e.pod.name}` : `Endpoint:${e.address}`,
    namespace: e.pod?.namespace ?? namespace,
    name: e.pod?.name ?? e.address,
    node: e.nodeName,
    zone: e.zone,
    ip: e.address,
    ready: e.ready,
    serving: e.serving,
    terminating: e.terminating,
  };
}

/** HLT-5: endpoints kube-proxy forwards to cluster-wide: Ready ones, else serving∧terminating ones. */
export function usableClusterWide(eps: EndpointView[]): EndpointView[] {
  const ready = eps.filter((e) => e.ready);
  return ready.length > 0 ? ready : eps.filter((e) => e.serving && e.terminating);
}

/** HLT-5 (Local): local Ready endpoints, else local serving∧terminating ones, else none (DROP). */
export function usableLocal(eps: EndpointView[], nodeName: string): EndpointView[] {
  const local = eps.filter((e) => e.nodeName === nodeName);
  const ready = local.filter((e) => e.ready);
  return ready.length > 0 ? ready : local.filter((e) => e.serving && e.terminating);
}

/** HLT-3: what kube-proxy's healthCheckNodePort server counts: distinct IPs of Ready local endpoints (terminating excluded). */
export function readyLocalCount(eps: EndpointView[], nodeName: string): number {
  return new Set(eps.filter((e) => e.nodeName === nodeName && e.ready && !e.terminating).map((e) => e.address)).size;
}

/**
 * DST-8: topology hints narrow the Cluster endpoint set only when *every* Ready endpoint carries a hint and
 * at least one is hinted for the receiving node's zone (P4 `topologyModeFromHints`).
 */
export function applyTopologyHints(eps: EndpointView[], node: { name: string; zone: string | null }): EndpointView[] {
  if (eps.length === 0) return eps;
  if (eps.every((e) => e.forNodes && e.forNodes.length > 0)) {
    const forNode = eps.filter((e) => e.forNodes!.includes(node.name));
    if (forNode.length > 0) return forNode;
  }
  if (node.zone && eps.every((e) => e.forZones && e.forZones.length > 0)) {
    const forZone = eps.filter((e) => e.forZones!.includes(node.zone!));
    if (forZone.length > 0) return forZone;
  }
  return eps;
}
