import { describe, expect, it } from "vitest";
import type { Snapshot } from "@/server/core/model/snapshot";
import type { Ingress } from "@/server/core/model/ingress";
import { albIndex } from "@/server/core/alb/albIndex";
import { groupMembers, ingressGroupOf, resolveIngressClass } from "@/server/core/alb/ingressClass";

/** ALB-I1..I3: which controller serves an Ingress, its IngressClassParams, and IngressGroup order. */
const ing = (name: string, spec: Ingress["spec"], annotations: Record<string, string> = {}): Ingress => ({ metadata: { name, namespace: "web", annotations }, spec });
const snap = (ingresses: Ingress[]): Snapshot => ({
  schemaVersion: 1, capturedAt: "2026-11-20T10:00:00Z", cluster: { name: "t" },
  kubernetes: {
    services: [], endpointSlices: [], nodes: [], pods: [], ingresses,
    ingressClasses: [
      { metadata: { name: "alb" }, spec: { controller: "ingress.k8s.aws/alb" } },
      { metadata: { name: "auto" }, spec: { controller: "eks.amazonaws.com/alb", parameters: { apiGroup: "eks.amazonaws.com", kind: "IngressClassParams", name: "auto-params" } } },
      { metadata: { name: "nginx" }, spec: { controller: "k8s.io/ingress-nginx" } },
    ],
    ingressClassParams: [{ apiVersion: "eks.amazonaws.com/v1", metadata: { name: "auto-params" }, spec: { group: { name: "shared" } } }],
  },
  aws: { loadBalancers: [], targetGroups: [], classicLoadBalancers: [] },
});

describe("IngressClass and IngressGroup", () => {
  const list = [
    ing("a", { ingressClassName: "alb" }, { "alb.ingress.kubernetes.io/group.name": "g", "alb.ingress.kubernetes.io/group.order": "10" }),
    ing("b", { ingressClassName: "alb" }, { "alb.ingress.kubernetes.io/group.name": "g", "alb.ingress.kubernetes.io/group.order": "-5" }),
    ing("c", { ingressClassName: "auto" }, { "alb.ingress.kubernetes.io/group.name": "ignored" }),
    ing("d", {}, { "kubernetes.io/ingress.class": "alb" }),
    ing("e", { ingressClassName: "nginx" }),
    ing("f", { ingressClassName: "missing" }),
  ];
  const idx = albIndex(snap(list));
  const cls = (name: string) => resolveIngressClass(list.find((i) => i.metadata.name === name)!, idx);

  it("ALB-I1: the class's controller decides; the legacy annotation alb means the AWS Load Balancer Controller", () => {
    expect(cls("a").controller).toBe("aws-load-balancer-controller");
    expect(cls("c")).toMatchObject({ controller: "eks-auto-mode", controllerName: "eks.amazonaws.com/alb" });
    expect(cls("d").controller).toBe("aws-load-balancer-controller");
    expect(cls("e").controller).toBeNull();
    expect(cls("f").controller).toBeNull();
  });

  it("ALB-I2/I3: IngressClassParams' group wins over the annotation; members ordered by group.order", () => {
    expect(ingressGroupOf(list[2], cls("c"))).toEqual({ name: "shared", explicit: true, order: 0 });
    expect(ingressGroupOf(list[3], cls("d"))).toEqual({ name: "web/d", explicit: false, order: 0 });
    const g = ingressGroupOf(list[0], cls("a"));
    expect(groupMembers(g, idx).map((m) => [m.ingress.metadata.name, m.order])).toEqual([["b", -5], ["a", 10]]);
  });
});
