"use client";
import type { ReactNode } from "react";
import type { Path, Topology } from "@/lib/api/topology";
import type { Change, ChangeKind } from "@/lib/api/whatIf";

/**
 * One native control per change kind (keyboard and screen readers get them for free). "no change" names the current
 * setting, so the operator sees what they would move away from. Options the Service's controller cannot do are
 * disabled with the reason; the server refuses them too.
 */
type Opt = [value: string, label: string, disabledReason?: string];

const field = "rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-900";

function Row({ label, id, children, hint }: { label: string; id: string; children: ReactNode; hint?: string | null }) {
  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={id} className="text-xs font-semibold text-slate-600 dark:text-slate-300">
        {label}
      </label>
      {children}
      {hint ? <span className="text-[11px] text-slate-500 dark:text-slate-400">{hint}</span> : null}
    </div>
  );
}

function Select({ id, value, options, onChange }: { id: string; value: string; options: Opt[]; onChange: (v: string) => void }) {
  return (
    <select id={id} data-testid={id} className={field} value={value} onChange={(e) => onChange(e.target.value)}>
      {options.map(([v, label, why]) => (
        <option key={v} value={v} disabled={!!why} title={why}>
          {label}
          {why ? ` (${why})` : ""}
        </option>
      ))}
    </select>
  );
}

const yesNo = (now: boolean | null, on: string, off: string): Opt[] => [
  ["", `no change${now === null ? "" : ` (now ${now ? on : off})`}`],
  ["true", on],
  ["false", off],
];

export function WhatIfControls({ topology, path, changes, onChange }: { topology: Topology; path: Path; changes: Change[]; onChange: (next: Change[]) => void }) {
  const of = <K extends ChangeKind>(kind: K) => changes.find((c) => c.kind === kind) as Extract<Change, { kind: K }> | undefined;
  const set = (kind: ChangeKind, change: Change | null) => onChange([...changes.filter((c) => c.kind !== kind), ...(change ? [change] : [])]);
  const classic = path.loadBalancer.kind === "classic";
  const lbc = topology.service.controller === "aws-load-balancer-controller" || topology.service.controller === "eks-auto-mode";
  const noTg = classic ? "a Classic ELB has no target groups" : undefined;
  const tg = path.targetGroup;
  const tgCross = tg?.attributes["load_balancing.cross_zone.enabled"] ?? null;
  const nodes = topology.nodes.map((n) => n.name);
  const zones = path.zones.filter((z) => z.enabled).map((z) => z.name);
  const shifted = path.zones.find((z) => z.zonalShift)?.name ?? null;
  const replicasNow = path.pods.filter((p) => !p.terminating).length;
  const drain = of("drainNode");
  const drainNode = drain ? (typeof drain.value === "string" ? drain.value : drain.value.node) : "";
  const drainRemove = !!drain && typeof drain.value !== "string" && !!drain.value.remove;
  const add = of("addPod");
  const zs = of("zonalShift");
  const zsValue = !zs ? "" : zs.value === null ? "end" : typeof zs.value === "string" ? `shift:${zs.value}` : `${zs.value.outage ? "outage" : "shift"}:${zs.value.zone}`;

  return (
    <fieldset className="grid grid-cols-[repeat(auto-fill,minmax(13rem,1fr))] gap-x-4 gap-y-2" data-testid="what-if-controls">
      <legend className="sr-only">Changes to predict</legend>
      <Row label="externalTrafficPolicy" id="wi-etp">
        <Select id="wi-etp" value={of("externalTrafficPolicy")?.value ?? ""} options={[["", `no change (now ${topology.service.externalTrafficPolicy})`], ["Local", "Local"], ["Cluster", "Cluster"]]} onChange={(v) => set("externalTrafficPolicy", v ? { kind: "externalTrafficPolicy", value: v as "Local" | "Cluster" } : null)} />
      </Row>
      <Row label="Cross-zone (load balancer)" id="wi-cross-zone">
        <Select id="wi-cross-zone" value={String(of("crossZone")?.value ?? "")} options={yesNo(path.loadBalancer.crossZone, "on", "off")} onChange={(v) => set("crossZone", v ? { kind: "crossZone", value: v === "true" } : null)} />
      </Row>
      <Row label="Cross-zone (target group)" id="wi-tg-cross-zone">
        <Select
          id="wi-tg-cross-zone"
          value={String(of("targetGroupCrossZone")?.value ?? "")}
          options={[["", `no change${tgCross ? ` (now ${tgCross})` : ""}`], ["true", "on", noTg], ["false", "off", noTg], ["use_load_balancer_configuration", "as the load balancer", noTg]]}
          onChange={(v) => set("targetGroupCrossZone", v ? { kind: "targetGroupCrossZone", value: v === "true" ? true : v === "false" ? false : "use_load_balancer_configuration" } : null)}
        />
      </Row>
      <Row label="Target type" id="wi-target-type">
        <Select
          id="wi-target-type"
          value={of("targetType")?.value ?? ""}
          options={[["", `no change (now ${tg?.targetType ?? "instance"})`], ["instance", "instance", lbc ? undefined : "AWS Load Balancer Controller only"], ["ip", "ip", lbc ? undefined : "AWS Load Balancer Controller only"]]}
          onChange={(v) => set("targetType", v ? { kind: "targetType", value: v as "instance" | "ip" } : null)}
        />
      </Row>
      <Row label="Client IP preservation" id="wi-preserve">
        <Select id="wi-preserve" value={String(of("preserveClientIp")?.value ?? "")} options={yesNo(tg ? tg.preserveClientIp : null, "on", "off").map(([v, l]) => [v, l, v ? noTg : undefined] as Opt)} onChange={(v) => set("preserveClientIp", v ? { kind: "preserveClientIp", value: v === "true" } : null)} />
      </Row>
      <Row label="Proxy protocol v2" id="wi-ppv2">
        <Select id="wi-ppv2" value={String(of("proxyProtocolV2")?.value ?? "")} options={yesNo(tg ? tg.proxyProtocol === "v2" : null, "on", "off").map(([v, l]) => [v, l, v ? noTg : undefined] as Opt)} onChange={(v) => set("proxyProtocolV2", v ? { kind: "proxyProtocolV2", value: v === "true" } : null)} />
      </Row>
      <Row label="Drain a node" id="wi-drain" hint={drainNode ? "cordon + evict; it stays registered" : null}>
        <Select id="wi-drain" value={drainNode} options={[["", "none"], ...nodes.map((n) => [n, n] as Opt)]} onChange={(v) => set("drainNode", v ? { kind: "drainNode", value: drainRemove ? { node: v, remove: true } : v } : null)} />
        <label className="flex items-center gap-1 text-xs">
          <input type="checkbox" data-testid="wi-drain-remove" disabled={!drainNode} checked={drainRemove} onChange={(e) => set("drainNode", { kind: "drainNode", value: e.target.checked ? { node: drainNode, remove: true } : drainNode })} />
          and remove it from the cluster
        </label>
      </Row>
      <Row label="Add a Ready pod on" id="wi-add-pod">
        <Select id="wi-add-pod" value={add ? (typeof add.value === "string" ? add.value : add.value.node) : ""} options={[["", "none"], ...nodes.map((n) => [n, n] as Opt)]} onChange={(v) => set("addPod", v ? { kind: "addPod", value: v } : null)} />
      </Row>
      <Row label={`Replicas (now ${replicasNow})`} id="wi-replicas">
        <input
          id="wi-replicas"
          data-testid="wi-replicas"
          type="number"
          min={0}
          max={500}
          className={field}
          placeholder="no change"
          value={of("replicas")?.value ?? ""}
          onChange={(e) => set("replicas", e.target.value === "" ? null : { kind: "replicas", value: Math.max(0, Math.min(500, Math.trunc(Number(e.target.value)) || 0)) })}
        />
      </Row>
      <Row label="Zonal shift / lose a zone" id="wi-zone">
        <Select
          id="wi-zone"
          value={zsValue}
          options={[
            ["", `no change${shifted ? ` (now shifted away from ${shifted})` : ""}`],
            ...zones.map((z) => [`shift:${z}`, `shift away from ${z}`, classic ? "NLB and ALB only" : undefined] as Opt),
            ...(shifted ? [["end", `end the shift away from ${shifted}`] as Opt] : []),
            ...zones.map((z) => [`outage:${z}`, `lose ${z} (outage)`] as Opt),
          ]}
          onChange={(v) => {
            if (!v) return set("zonalShift", null);
            if (v === "end") return set("zonalShift", { kind: "zonalShift", value: null });
            const [mode, zone] = v.split(":");
            set("zonalShift", { kind: "zonalShift", value: mode === "outage" ? { zone, outage: true } : zone });
          }}
        />
      </Row>
    </fieldset>
  );
}
