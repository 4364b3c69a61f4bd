import type * as k8s from "../model/kubernetes";
import type { Controller } from "@/lib/api/topology";

export const ANN = "service.beta.kubernetes.io/";
export const LBC_CLASS = "service.k8s.aws/nlb";
export const EKS_AUTO_CLASS = "eks.amazonaws.com/nlb";

export interface Ownership {
  controller: Controller;
  /** What the owning controller creates for this Service. */
  kind: "network" | "classic" | null;
  /** Target type the controller registers, when the Service says. */
  targetType: "instance" | "ip" | null;
}

/** JOIN-1 (L8, C3, A1, W14): which controller owns a LoadBalancer Service, evaluated in the reference's order. */
export function owningController(svc: k8s.Service): Ownership {
  const ann = svc.metadata.annotations ?? {};
  const lbType = ann[`${ANN}aws-load-balancer-type`];
  const nlbTargetType = ann[`${ANN}aws-load-balancer-nlb-target-type`];
  const targetTypeFromAnnotation = nlbTargetType === "ip" || nlbTargetType === "instance" ? nlbTargetType : null;
  const cls = svc.spec.loadBalancerClass;
  if (cls) {
    // The class, not the annotation, is authoritative (LBC's webhook sets it on new Services).
    if (cls === LBC_CLASS) return { controller: "aws-load-balancer-controller", kind: "network", targetType: targetTypeFromAnnotation ?? (lbType === "nlb-ip" ? "ip" : "instance") };
    if (cls === EKS_AUTO_CLASS) return { controller: "eks-auto-mode", kind: "network", targetType: targetTypeFromAnnotation ?? "instance" };
    return { controller: "unknown", kind: null, targetType: null };
  }
  if (lbType === "nlb-ip") return { controller: "aws-load-balancer-controller", kind: "network", targetType: "ip" };
  if (lbType === "external" && targetTypeFromAnnotation) return { controller: "aws-load-balancer-controller", kind: "network", targetType: targetTypeFromAnnotation };
  // Legacy provider (in-tree / cloud-provider-aws): `nlb` → NLB with instance targets, else Classic ELB.
  if (lbType === "nlb") return { controller: "legacy", kind: "network", targetType: "instance" };
  return { controller: "legacy", kind: "classic", targetType: "instance" };
}
