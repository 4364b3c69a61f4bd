import type * as ing from "@/server/core/model/ingress";
import type * as crd from "@/server/core/model/crds";
import type * as k8s from "@/server/core/model/kubernetes";
import { ALB_ANNOTATION_PREFIX, INGRESS_CLASS_ANNOTATION } from "@/server/core/model/ingress";
import { defined, nonEmpty, rfc3339 } from "./reshapeKubernetes";
import { pick } from "./trim";

/**
 * Pure: Ingress, IngressClass and the custom resources (IngressClassParams, TargetGroupBinding, Gateway API, the
 * LBC's gateway.k8s.aws configurations) as the API returns them → the Snapshot model, keeping only the fields the
 * ALB / Gateway analysis reads (the trim rule, docs/live.md). Idempotent, like reshapeKubernetes.ts.
 */

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === "boolean" ? v : undefined);
const arr = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
const strs = (v: unknown): string[] | undefined => arr(v)?.filter((x): x is string => typeof x === "string");
const strMap = (v: unknown): Record<string, string> | undefined =>
  v && typeof v === "object" ? Object.fromEntries(Object.entries(v as Obj).filter(([, x]) => typeof x === "string")) as Record<string, string> : undefined;

/** Ingress annotations the analysis reads: the controller's alb.ingress.kubernetes.io/* and the legacy class annotation. */
export function keepIngressAnnotation(key: string): boolean {
  return key.startsWith(ALB_ANNOTATION_PREFIX) || key === INGRESS_CLASS_ANNOTATION;
}

function meta(m: unknown, opts: { labels?: boolean; annotations?: (k: string) => boolean } = {}): k8s.ObjectMeta {
  const x = o(m);
  return defined({
    name: str(x.name) ?? "",
    namespace: str(x.namespace),
    uid: str(x.uid),
    labels: opts.labels ? nonEmpty(strMap(x.labels) ?? {}) : undefined,
    annotations: opts.annotations ? pick(strMap(x.annotations), opts.annotations) : undefined,
    creationTimestamp: rfc3339(x.creationTimestamp as string | Date | undefined),
  });
}
const nsMeta = (m: unknown, opts?: Parameters<typeof meta>[1]) => meta(m, opts) as k8s.ObjectMeta & { namespace: string };

function backend(b: unknown): ing.IngressBackend | undefined {
  if (!b) return undefined;
  const x = o(b);
  const svc = x.service ? o(x.service) : undefined;
  const res = x.resource ? o(x.resource) : undefined;
  return defined({
    service: svc && defined({ name: str(svc.name) ?? "", port: svc.port ? defined({ number: num(o(svc.port).number), name: str(o(svc.port).name) }) : undefined }),
    resource: res && defined({ apiGroup: str(res.apiGroup), kind: str(res.kind) ?? "", name: str(res.name) ?? "" }),
  });
}

function loadBalancerStatus(s: unknown) {
  const ingress = arr(o(o(s).loadBalancer).ingress)?.map((i) => defined({ hostname: str(o(i).hostname), ip: str(o(i).ip) }));
  return nonEmpty(defined({ loadBalancer: nonEmpty(defined({ ingress })) }));
}

export function reshapeIngress(raw: unknown): ing.Ingress {
  const r = o(raw);
  const spec = o(r.spec);
  return defined({
    metadata: nsMeta(r.metadata, { labels: true, annotations: keepIngressAnnotation }),
    spec: defined({
      ingressClassName: str(spec.ingressClassName),
      defaultBackend: backend(spec.defaultBackend),
      rules: arr(spec.rules)?.map((rule) => {
        const x = o(rule);
        const http = x.http ? o(x.http) : undefined;
        return defined({
          host: str(x.host),
          http: http && {
            paths: (arr(http.paths) ?? []).map((p) => defined({
              path: str(o(p).path),
              pathType: str(o(p).pathType) as ing.HTTPIngressPath["pathType"],
              backend: backend(o(p).backend) ?? {},
            })),
          },
        });
      }),
      tls: arr(spec.tls)?.map((t) => defined({ hosts: strs(o(t).hosts) })),
    }),
    status: loadBalancerStatus(r.status),
  });
}

export function reshapeIngressClass(raw: unknown): ing.IngressClass {
  const r = o(raw);
  const spec = o(r.spec);
  const p = spec.parameters ? o(spec.parameters) : undefined;
  return {
    metadata: meta(r.metadata),
    spec: defined({
      controller: str(spec.controller),
      parameters: p && defined({ apiGroup: str(p.apiGroup), kind: str(p.kind) ?? "", name: str(p.name) ?? "", namespace: str(p.namespace), scope: str(p.scope) }),
    }),
  };
}

/** `apiVersion` is set by the reader (the list it came from), so either controller's params keep their origin. */
export function reshapeIngressClassParams(raw: unknown, apiVersion: ing.IngressClassParams["apiVersion"]): ing.IngressClassParams {
  const r = o(raw);
  const spec = o(r.spec);
  const group = spec.group ? o(spec.group) : undefined;
  return {
    apiVersion,
    metadata: meta(r.metadata),
    spec: defined({
      group: group && { name: str(group.name) ?? "" },
      scheme: str(spec.scheme),
      ipAddressType: str(spec.ipAddressType),
      targetType: str(spec.targetType),
      certificateArn: strs(spec.certificateArn),
      certificateARNs: strs(spec.certificateARNs),
      loadBalancerAttributes: arr(spec.loadBalancerAttributes)?.map((a) => ({ key: str(o(a).key) ?? "", value: str(o(a).value) ?? "" })),
    }),
  };
}

export function reshapeTargetGroupBinding(raw: unknown): crd.TargetGroupBinding {
  const r = o(raw);
  const spec = o(r.spec);
  const ref = o(spec.serviceRef);
  const sel = spec.nodeSelector ? o(spec.nodeSelector) : undefined;
  const port = ref.port;
  return {
    metadata: nsMeta(r.metadata),
    spec: defined({
      targetGroupARN: str(spec.targetGroupARN),
      targetGroupName: str(spec.targetGroupName),
      targetType: str(spec.targetType) as crd.TargetGroupBinding["spec"]["targetType"],
      serviceRef: { name: str(ref.name) ?? "", port: typeof port === "number" || typeof port === "string" ? port : 0 },
      nodeSelector: sel && nonEmpty(defined({ matchLabels: strMap(sel.matchLabels) })),
      multiClusterTargetGroup: bool(spec.multiClusterTargetGroup),
      ipAddressType: str(spec.ipAddressType),
    }),
  };
}

export function reshapeGatewayClass(raw: unknown): crd.GatewayClass {
  const r = o(raw);
  const spec = o(r.spec);
  const p = spec.parametersRef ? o(spec.parametersRef) : undefined;
  return {
    metadata: meta(r.metadata),
    spec: defined({
      controllerName: str(spec.controllerName) ?? "",
      parametersRef: p && defined({ group: str(p.group) ?? "", kind: str(p.kind) ?? "", name: str(p.name) ?? "", namespace: str(p.namespace) }),
    }),
  };
}

export function reshapeGateway(raw: unknown): crd.Gateway {
  const r = o(raw);
  const spec = o(r.spec);
  const infra = spec.infrastructure ? o(o(spec.infrastructure).parametersRef) : undefined;
  const addresses = arr(o(r.status).addresses)?.map((a) => defined({ type: str(o(a).type), value: str(o(a).value) ?? "" }));
  return defined({
    metadata: nsMeta(r.metadata, { labels: true }),
    spec: defined({
      gatewayClassName: str(spec.gatewayClassName) ?? "",
      listeners: (arr(spec.listeners) ?? []).map((l) => defined({ name: str(o(l).name) ?? "", port: num(o(l).port) ?? 0, protocol: str(o(l).protocol) ?? "", hostname: str(o(l).hostname) })),
      infrastructure: infra && Object.keys(infra).length ? { parametersRef: { group: str(infra.group) ?? "", kind: str(infra.kind) ?? "", name: str(infra.name) ?? "" } } : undefined,
    }),
    status: addresses?.length ? { addresses } : undefined,
  });
}

const ROUTE_KINDS = new Set(["HTTPRoute", "TCPRoute", "UDPRoute", "TLSRoute"]);

function match(m: unknown): crd.HTTPRouteMatch {
  const x = o(m);
  const nv = (v: unknown) => arr(v)?.map((h) => defined({ type: str(o(h).type) as "Exact", name: str(o(h).name) ?? "", value: str(o(h).value) ?? "" }));
  return defined({
    path: x.path ? defined({ type: str(o(x.path).type) as "Exact", value: str(o(x.path).value) }) : undefined,
    headers: nv(x.headers),
    queryParams: nv(x.queryParams),
    method: str(x.method),
  });
}

/** `kind` comes from the list the object was read from (lists of custom resources carry it on every item too). */
export function reshapeRoute(raw: unknown, kind: crd.Route["kind"]): crd.Route {
  const r = o(raw);
  const spec = o(r.spec);
  const k = str(r.kind);
  return {
    kind: k && ROUTE_KINDS.has(k) ? (k as crd.Route["kind"]) : kind,
    metadata: nsMeta(r.metadata),
    spec: defined({
      parentRefs: arr(spec.parentRefs)?.map((p) => defined({ group: str(o(p).group), kind: str(o(p).kind), namespace: str(o(p).namespace), name: str(o(p).name) ?? "", sectionName: str(o(p).sectionName), port: num(o(p).port) })),
      hostnames: strs(spec.hostnames),
      rules: arr(spec.rules)?.map((rule) => defined({
        matches: arr(o(rule).matches)?.map(match),
        backendRefs: arr(o(rule).backendRefs)?.map((b) => defined({ group: str(o(b).group), kind: str(o(b).kind), namespace: str(o(b).namespace), name: str(o(b).name) ?? "", port: num(o(b).port), weight: num(o(b).weight) })),
        filters: arr(o(rule).filters)?.map((f) => {
          const ext = o(f).extensionRef ? o(o(f).extensionRef) : undefined;
          return defined({ type: str(o(f).type) ?? "", extensionRef: ext ? defined({ group: str(ext.group), kind: str(ext.kind), name: str(ext.name) ?? "" }) : undefined });
        }),
      })),
    }),
  };
}

export function reshapeLoadBalancerConfiguration(raw: unknown): crd.LoadBalancerConfiguration {
  const r = o(raw);
  const spec = o(r.spec);
  const dtgc = spec.defaultTargetGroupConfiguration ? o(spec.defaultTargetGroupConfiguration) : undefined;
  return {
    metadata: nsMeta(r.metadata),
    spec: defined({
      loadBalancerName: str(spec.loadBalancerName),
      scheme: str(spec.scheme),
      ipAddressType: str(spec.ipAddressType),
      mergingMode: str(spec.mergingMode),
      defaultTargetGroupConfiguration: dtgc && str(dtgc.name) ? { name: str(dtgc.name)! } : undefined,
    }),
  };
}

export function reshapeTargetGroupConfiguration(raw: unknown): crd.TargetGroupConfiguration {
  const r = o(raw);
  const spec = o(r.spec);
  const ref = spec.targetReference ? o(spec.targetReference) : undefined;
  const props = (x: unknown): crd.TargetGroupProps => defined({ targetType: str(o(x).targetType) });
  return {
    metadata: nsMeta(r.metadata),
    spec: defined({
      targetReference: ref ? defined({ group: str(ref.group), kind: str(ref.kind), name: str(ref.name) ?? "" }) : undefined,
      defaultConfiguration: spec.defaultConfiguration ? nonEmpty(props(spec.defaultConfiguration)) : undefined,
      routeConfigurations: arr(spec.routeConfigurations)?.map((c) => {
        const id = o(o(c).routeIdentifier);
        return { routeIdentifier: defined({ kind: str(id.kind) ?? "", namespace: str(id.namespace), name: str(id.name) }), targetGroupProps: props(o(c).targetGroupProps) };
      }),
    }),
  };
}

export function reshapeListenerRuleConfiguration(raw: unknown): crd.ListenerRuleConfiguration {
  const r = o(raw);
  const spec = o(r.spec);
  return {
    metadata: nsMeta(r.metadata),
    spec: defined({
      conditions: arr(spec.conditions)?.map((c) => ({ field: str(o(c).field) ?? "" })),
      actions: arr(spec.actions)?.map((a) => ({ type: str(o(a).type) ?? "" })),
    }),
  };
}
