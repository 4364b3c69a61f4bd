import { z } from "zod";
import { Topology } from "./topology";

/**
 * The wire contract of the what-if (docs/api.md "What-if", docs/what-if.md):
 * `POST /api/v1/clusters/{cluster}/namespaces/{namespace}/services/{name}/what-if` with `{ changes: [...] }`, or
 * `GET` with the changes in the query string (`?change=kind:value`, repeatable) for links. The answer holds the
 * topology now and as predicted after the changes settle, the exact change to apply per controller, and its costs.
 */

const NodeName = z.string().min(1).max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "a Kubernetes node name (DNS-1123 subdomain)");
const ZoneName = z.string().min(1).max(64).regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$|^[a-z]{2,}-[a-z0-9-]+$/, "an Availability Zone name such as us-east-1c");

export const ChangeSchema = z.discriminatedUnion("kind", [
  /** Local ↔ Cluster: the health check moves between healthCheckNodePort and the traffic port (HC-*, HLT-E1/E2). */
  z.object({ kind: z.literal("externalTrafficPolicy"), value: z.enum(["Local", "Cluster"]) }).strict(),
  /** Cross-zone load balancing on the load balancer (DST-2). */
  z.object({ kind: z.literal("crossZone"), value: z.boolean() }).strict(),
  /** Cross-zone on the target group(s): on, off, or defer to the load balancer (DST-2, W6). */
  z.object({ kind: z.literal("targetGroupCrossZone"), value: z.union([z.boolean(), z.literal("use_load_balancer_configuration")]) }).strict(),
  /** instance ↔ ip targets (AWS Load Balancer Controller only; SRC-11). */
  z.object({ kind: z.literal("targetType"), value: z.enum(["instance", "ip"]) }).strict(),
  /** preserve_client_ip.enabled on the target group(s) (SRC-3). */
  z.object({ kind: z.literal("preserveClientIp"), value: z.boolean() }).strict(),
  /** proxy_protocol_v2.enabled on the target group(s) (SRC-6, HLT-F4). */
  z.object({ kind: z.literal("proxyProtocolV2"), value: z.boolean() }).strict(),
  /** `kubectl drain` a node (cordon + evict; it stays registered, JOIN-4), or remove it from the cluster. */
  z.object({ kind: z.literal("drainNode"), value: z.union([NodeName, z.object({ node: NodeName, remove: z.boolean().optional() }).strict()]) }).strict(),
  /** One more Ready pod of the Service's workload, on this node. */
  z.object({ kind: z.literal("addPod"), value: z.union([NodeName, z.object({ node: NodeName }).strict()]) }).strict(),
  /** Scale the workload behind the Service to N pods (new pods spread like the default scheduler, WIF-1). */
  z.object({ kind: z.literal("replicas"), value: z.number().int().min(0).max(500) }).strict(),
  /** Shift a zone away (ARC zonal shift), end a shift (null), or lose a zone (`outage`: its nodes go NotReady). */
  z.object({ kind: z.literal("zonalShift"), value: z.union([ZoneName, z.null(), z.object({ zone: ZoneName, outage: z.boolean().optional() }).strict()]) }).strict(),
]);
export type Change = z.infer<typeof ChangeSchema>;
export type ChangeKind = Change["kind"];
export const CHANGE_KINDS = ChangeSchema.options.map((o) => o.shape.kind.value) as ChangeKind[];

/** At most one change of each kind but drainNode/addPod (several nodes), and at most 20 in all. */
export const WhatIfRequest = z
  .object({ changes: z.array(ChangeSchema).min(1, "give at least one change").max(20, "at most 20 changes") })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.changes.forEach((c, i) => {
      if (c.kind === "drainNode" || c.kind === "addPod") return;
      if (seen.has(c.kind)) ctx.addIssue({ code: "custom", path: ["changes", i, "kind"], message: `"${c.kind}" is given twice` });
      seen.add(c.kind);
    });
  });
export type WhatIfRequest = z.infer<typeof WhatIfRequest>;

export const ApplyStep = z.object({
  /** The controller the step is written for, in words (lib/vocabulary.ts CONTROLLER). */
  controller: z.string(),
  /** One line to paste, or null when the change is not a Service edit (zonal shift: an AWS CLI line). */
  kubectlPatch: z.string().nullable(),
  /** The same change as a YAML snippet of the Service (or the command's input). */
  yaml: z.string(),
  /** Extra words: what the line does, what else to do. */
  note: z.string().nullable(),
});
export type ApplyStep = z.infer<typeof ApplyStep>;

export const Cost = z.object({
  /** Stable: CLIENT_IP_LOST, CROSS_ZONE_CHARGES, TARGETS_REREGISTER, … (docs/what-if.md). */
  code: z.string(),
  message: z.string(),
});
export type Cost = z.infer<typeof Cost>;

export const WhatIfResponse = z.object({
  before: Topology,
  /** The topology once the change has settled, in the same contract as the topology route. */
  after: Topology,
  changes: z.array(z.object({ kind: z.string(), value: z.unknown(), apply: ApplyStep })),
  costs: z.array(Cost),
  /** What happens between applying and settling, and for about how long (seconds, when the rules give it). */
  transient: z.array(z.object({ message: z.string(), seconds: z.number().nullable() })),
  /** Modelling assumptions the prediction rests on (e.g. a node-level fault is assumed to persist). */
  assumptions: z.array(z.string()),
});
export type WhatIfResponse = z.infer<typeof WhatIfResponse>;

/** `kind:value` as links carry a change (`?change=externalTrafficPolicy:Cluster`); null for a malformed one. */
export function changeToParam(c: Change): string {
  const v = c.value;
  switch (c.kind) {
    case "drainNode":
      return typeof v === "string" ? `drainNode:${v}` : `drainNode:${(v as { node: string }).node}${(v as { remove?: boolean }).remove ? ":remove" : ""}`;
    case "addPod":
      return `addPod:${typeof v === "string" ? v : (v as { node: string }).node}`;
    case "zonalShift":
      return v === null ? "zonalShift:none" : typeof v === "string" ? `zonalShift:${v}` : `zonalShift:${(v as { zone: string }).zone}${(v as { outage?: boolean }).outage ? ":outage" : ""}`;
    default:
      return `${c.kind}:${String(v)}`;
  }
}

/** Parses one `kind:value`; returns the raw candidate for ChangeSchema (which then names what is wrong). */
export function paramToCandidate(param: string): unknown {
  const i = param.indexOf(":");
  if (i < 0) return { kind: param };
  const kind = param.slice(0, i);
  const rest = param.slice(i + 1);
  const [head, flag] = rest.split(":");
  switch (kind) {
    case "crossZone":
    case "preserveClientIp":
    case "proxyProtocolV2":
      return { kind, value: rest === "true" ? true : rest === "false" ? false : rest };
    case "targetGroupCrossZone":
      return { kind, value: rest === "true" ? true : rest === "false" ? false : rest };
    case "replicas":
      return { kind, value: /^\d+$/.test(rest) ? Number(rest) : rest };
    case "drainNode":
      return { kind, value: flag === "remove" ? { node: head, remove: true } : head };
    case "addPod":
      return { kind, value: head };
    case "zonalShift":
      return { kind, value: head === "none" ? null : flag === "outage" ? { zone: head, outage: true } : head };
    default:
      return { kind, value: rest };
  }
}
