import type * as ing from "../model/ingress";
import type { Controller } from "@/lib/api/topology";
import { ALB_ANNOTATION_PREFIX, INGRESS_CLASS_ANNOTATION } from "../model/ingress";
import type { AlbIndex } from "./albIndex";

/**
 * ALB-I1: which controller makes an ALB for an Ingress (L ingress docs "IngressClass"; EKS Auto Mode docs):
 * the deprecated annotation `kubernetes.io/ingress.class`, when present, decides alone (the controller reads it before
 * `spec.ingressClassName`): `alb` (its default `--ingress-class`) is the AWS Load Balancer Controller, any other value
 * another controller. Without it, `spec.ingressClassName` → the IngressClass's `spec.controller`: `ingress.k8s.aws/alb`
 * is the AWS Load Balancer Controller, `eks.amazonaws.com/alb` EKS Auto Mode. Anything else is another controller's.
 */
export const LBC_INGRESS_CONTROLLER = "ingress.k8s.aws/alb";
export const AUTO_MODE_INGRESS_CONTROLLER = "eks.amazonaws.com/alb";

export interface IngressClassInfo {
  className: string | null;
  controllerName: string | null;
  controller: Controller | null;
  params: ing.IngressClassParams | null;
}

export function resolveIngressClass(i: ing.Ingress, idx: AlbIndex): IngressClassInfo {
  // The controller reads the annotation first: when present it alone decides, and no IngressClassParams apply.
  const annotated = i.metadata.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (annotated !== undefined) {
    if (annotated === "alb") return { className: "alb", controllerName: LBC_INGRESS_CONTROLLER, controller: "aws-load-balancer-controller", params: null };
    return { className: annotated, controllerName: null, controller: null, params: null };
  }
  const className = i.spec.ingressClassName ?? null;
  if (!className) return { className: null, controllerName: null, controller: null, params: null };
  const cls = idx.ingressClassesByName.get(className);
  const controllerName = cls?.spec.controller ?? null;
  const p = cls?.spec.parameters;
  // ALB-I2: IngressClassParams, by the class's parameters reference (either controller's API group).
  const params = p && p.kind === "IngressClassParams" ? idx.paramsByRef.get(`${p.apiGroup === "eks.amazonaws.com" ? "eks.amazonaws.com/v1" : "elbv2.k8s.aws/v1beta1"}/${p.name}`) ?? null : null;
  const controller: Controller | null = controllerName === LBC_INGRESS_CONTROLLER ? "aws-load-balancer-controller" : controllerName === AUTO_MODE_INGRESS_CONTROLLER ? "eks-auto-mode" : null;
  return { className, controllerName, controller, params };
}

export interface IngressGroup {
  /** ingress.k8s.aws/stack: the group name, or "<namespace>/<name>" for an Ingress of its own. */
  name: string;
  explicit: boolean;
  order: number;
}

/**
 * ALB-I3: IngressGroup. The IngressClassParams' `group.name` wins over the Ingress annotation
 * `alb.ingress.kubernetes.io/group.name`; without either the Ingress is its own implicit group. `group.order`
 * (default 0) orders the members' rules, ties by namespace/name.
 */
export function ingressGroupOf(i: ing.Ingress, cls: IngressClassInfo): IngressGroup {
  const a = i.metadata.annotations ?? {};
  const explicitName = cls.params?.spec.group?.name ?? a[`${ALB_ANNOTATION_PREFIX}group.name`];
  const order = Number(a[`${ALB_ANNOTATION_PREFIX}group.order`] ?? 0);
  return explicitName
    ? { name: explicitName, explicit: true, order: Number.isFinite(order) ? order : 0 }
    : { name: `${i.metadata.namespace}/${i.metadata.name}`, explicit: false, order: Number.isFinite(order) ? order : 0 };
}

/** The members of an Ingress's group with an AWS class, in the controller's order (group.order, then namespace/name). */
export function groupMembers(group: IngressGroup, idx: AlbIndex): { ingress: ing.Ingress; order: number }[] {
  const out: { ingress: ing.Ingress; order: number }[] = [];
  for (const other of idx.ingressesByKey.values()) {
    const cls = resolveIngressClass(other, idx);
    if (!cls.controller) continue;
    const g = ingressGroupOf(other, cls);
    if (g.name === group.name && g.explicit === group.explicit) out.push({ ingress: other, order: g.order });
  }
  return out.sort((x, y) => x.order - y.order || `${x.ingress.metadata.namespace}/${x.ingress.metadata.name}`.localeCompare(`${y.ingress.metadata.namespace}/${y.ingress.metadata.name}`));
}
