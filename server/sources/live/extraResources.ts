import { CustomObjectsApi, NetworkingV1Api, type KubeConfig } from "@kubernetes/client-node";
import type { Snapshot } from "@/server/core/model/snapshot";
import type { KubeOp } from "./problems";
import type { timeoutOptions } from "./readKubernetes";
import {
  reshapeGateway, reshapeGatewayClass, reshapeIngress, reshapeIngressClass, reshapeIngressClassParams, reshapeListenerRuleConfiguration,
  reshapeLoadBalancerConfiguration, reshapeRoute, reshapeTargetGroupBinding, reshapeTargetGroupConfiguration,
} from "./reshapeExtra";

/**
 * The Kubernetes objects beyond the four the NLB/Classic analysis needs (issue 13): Ingress and IngressClass
 * (networking.k8s.io/v1, always served), and custom resources that exist only where their controller's CRDs are
 * installed — IngressClassParams (LBC and EKS Auto Mode), TargetGroupBinding, the Gateway API kinds and the LBC's
 * gateway.k8s.aws configurations. Each is a cluster-wide list (+ watch in the shared cache), read-only, granted in
 * deploy/rbac.yaml. A custom resource whose list answers 404 is not installed: simply absent, no problem. The
 * paths are literals so tests/unit/security/leastPrivilege.test.ts can check each against the ClusterRole.
 */

export type ExtraKey = Exclude<keyof Snapshot["kubernetes"], "services" | "endpointSlices" | "nodes" | "pods">;

type CallOptions = ReturnType<typeof timeoutOptions>;
export interface Page { items: unknown[]; metadata?: { resourceVersion?: string; _continue?: string } }
export type ListFn = (p: { limit: number; _continue?: string }, o: CallOptions) => Promise<Page>;

export interface ExtraResource {
  /** The Snapshot field its objects go to (several resources may share one: routes, ingressClassParams). */
  key: ExtraKey;
  op: KubeOp;
  /** Cluster-wide REST path (list and watch). */
  path: string;
  /** A custom resource: 404 on list means its CRD is not installed (absent, not an error). */
  crd: boolean;
  trim: (raw: unknown) => unknown;
}

const r = (key: ExtraKey, path: string, crd: boolean, trim: (raw: unknown) => unknown): ExtraResource => {
  const m = /^\/apis\/([^/]+)\/([^/]+)\/([a-z]+)$/.exec(path)!;
  return { key, path, crd, trim, op: { verb: "list", resource: m[3], group: m[1] } };
};

export const EXTRA_RESOURCES: readonly ExtraResource[] = [
  r("ingresses", "/apis/networking.k8s.io/v1/ingresses", false, reshapeIngress),
  r("ingressClasses", "/apis/networking.k8s.io/v1/ingressclasses", false, reshapeIngressClass),
  r("ingressClassParams", "/apis/elbv2.k8s.aws/v1beta1/ingressclassparams", true, (x) => reshapeIngressClassParams(x, "elbv2.k8s.aws/v1beta1")),
  r("ingressClassParams", "/apis/eks.amazonaws.com/v1/ingressclassparams", true, (x) => reshapeIngressClassParams(x, "eks.amazonaws.com/v1")),
  r("targetGroupBindings", "/apis/elbv2.k8s.aws/v1beta1/targetgroupbindings", true, reshapeTargetGroupBinding),
  r("gatewayClasses", "/apis/gateway.networking.k8s.io/v1/gatewayclasses", true, reshapeGatewayClass),
  r("gateways", "/apis/gateway.networking.k8s.io/v1/gateways", true, reshapeGateway),
  r("routes", "/apis/gateway.networking.k8s.io/v1/httproutes", true, (x) => reshapeRoute(x, "HTTPRoute")),
  r("routes", "/apis/gateway.networking.k8s.io/v1alpha2/tcproutes", true, (x) => reshapeRoute(x, "TCPRoute")),
  r("routes", "/apis/gateway.networking.k8s.io/v1alpha2/udproutes", true, (x) => reshapeRoute(x, "UDPRoute")),
  r("routes", "/apis/gateway.networking.k8s.io/v1alpha2/tlsroutes", true, (x) => reshapeRoute(x, "TLSRoute")),
  r("loadBalancerConfigurations", "/apis/gateway.k8s.aws/v1beta1/loadbalancerconfigurations", true, reshapeLoadBalancerConfiguration),
  r("targetGroupConfigurations", "/apis/gateway.k8s.aws/v1beta1/targetgroupconfigurations", true, reshapeTargetGroupConfiguration),
  r("listenerRuleConfigurations", "/apis/gateway.k8s.aws/v1beta1/listenerruleconfigurations", true, reshapeListenerRuleConfiguration),
];

/** The list call of one resource with the real client: typed for networking.k8s.io, CustomObjectsApi for CRDs. */
export function listFunction(kc: KubeConfig, res: ExtraResource): ListFn {
  if (res.path === "/apis/networking.k8s.io/v1/ingresses") {
    const api = kc.makeApiClient(NetworkingV1Api);
    return (p, o) => api.listIngressForAllNamespaces(p, o) as Promise<Page>;
  }
  if (res.path === "/apis/networking.k8s.io/v1/ingressclasses") {
    const api = kc.makeApiClient(NetworkingV1Api);
    return (p, o) => api.listIngressClass(p, o) as Promise<Page>;
  }
  // group/version/plural come from the literal path above, which the RBAC test checks.
  const [, , group, version, plural] = res.path.split("/");
  const api = kc.makeApiClient(CustomObjectsApi);
  return async (p, o) => {
    const body = (await api.listClusterCustomObject({ group, version, plural, ...p }, o)) as { items?: unknown[]; metadata?: { resourceVersion?: string; continue?: string; _continue?: string } };
    // Untyped JSON: `continue` as the API spells it (the typed lists rename it _continue).
    return { items: body.items ?? [], metadata: { resourceVersion: body.metadata?.resourceVersion, _continue: body.metadata?.continue ?? body.metadata?._continue } };
  };
}

/** 404 on a custom resource's list: the CRD is not installed (the resource is absent, not broken). */
export function isNotInstalled(err: unknown): boolean {
  const e = (err ?? {}) as { code?: unknown; statusCode?: unknown };
  return e.code === 404 || e.statusCode === 404;
}

/**
 * Objects per Snapshot field. A field is set only when it has objects: "none", "CRD not installed" and "not read"
 * all leave it undefined (the last one with a problem that says why), so a cluster without Ingresses reads exactly
 * like a snapshot written before these fields existed.
 */
export function assembleExtra(read: { res: ExtraResource; items: unknown[] | undefined }[]): Partial<Snapshot["kubernetes"]> {
  const out: Record<string, unknown[]> = {};
  for (const { res, items } of read) {
    if (!items?.length) continue;
    (out[res.key] ??= []).push(...items);
  }
  return out as Partial<Snapshot["kubernetes"]>;
}
