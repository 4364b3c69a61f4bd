/**
 * Page and API addresses. Cluster names may be EKS ARNs (`arn:aws:eks:…:cluster/prod`), so every segment
 * is percent-encoded; namespace and name are DNS-1123 labels and encode to themselves.
 */

export interface ServiceRef {
  cluster: string;
  namespace: string;
  name: string;
  /** What the page is about (issue 13); default a Service. */
  kind?: SubjectKind;
}

/** The object a topology page is about, and its path segment. */
export type SubjectKind = "Service" | "Ingress" | "Gateway";
export const KIND_SEGMENT: Record<SubjectKind, "services" | "ingresses" | "gateways"> = { Service: "services", Ingress: "ingresses", Gateway: "gateways" };

const seg = encodeURIComponent;

export function servicePagePath(ref: ServiceRef): string {
  return `/clusters/${seg(ref.cluster)}/namespaces/${seg(ref.namespace)}/${KIND_SEGMENT[ref.kind ?? "Service"]}/${seg(ref.name)}`;
}

export function topologyApiPath(ref: ServiceRef): string {
  return `/api/v1/clusters/${seg(ref.cluster)}/namespaces/${seg(ref.namespace)}/${KIND_SEGMENT[ref.kind ?? "Service"]}/${seg(ref.name)}/topology`;
}

/** The rule simulator of an Ingress or a Gateway (POST). */
export function routeApiPath(ref: ServiceRef & { kind: "Ingress" | "Gateway" }): string {
  return `/api/v1/clusters/${seg(ref.cluster)}/namespaces/${seg(ref.namespace)}/${KIND_SEGMENT[ref.kind]}/${seg(ref.name)}/route`;
}

/** The link form of a what-if (`?change=kind:value`, repeatable): the API answers GET with the same changes. */
export function whatIfApiPath(ref: ServiceRef, changes: readonly string[]): string {
  const base = `/api/v1/clusters/${seg(ref.cluster)}/namespaces/${seg(ref.namespace)}/services/${seg(ref.name)}/what-if`;
  return changes.length ? `${base}?${changes.map((c) => `change=${encodeURIComponent(c)}`).join("&")}` : base;
}

/** The page object's timeline (issue 12; Ingresses and Gateways too): `window` like "1h", `end` an ISO time (default: the data's time). */
export function timelineApiPath(ref: ServiceRef, q: { window: string; end?: string | null }): string {
  const base = `/api/v1/clusters/${seg(ref.cluster)}/namespaces/${seg(ref.namespace)}/${KIND_SEGMENT[ref.kind ?? "Service"]}/${seg(ref.name)}/timeline`;
  return `${base}?window=${seg(q.window)}${q.end ? `&end=${seg(q.end)}` : ""}`;
}

/** Route segments arrive percent-encoded in some Next versions and decoded in others; decode once, safely. */
export function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
