import type { Topology, Triage } from "@/lib/api/topology";

/**
 * A short, stable fingerprint of the state a link describes: the sorted target keys with their verdicts and
 * the finding codes. A recipient's page compares it with the live state's digest (AsOfNote) to say "changed
 * since the link was made". Pure and synchronous, so the browser and the tests compute the same value.
 */
export function digestState(targets: readonly string[], codes: readonly string[]): string {
  // Sorting makes the digest independent of the order the server lists things in; "\n" cannot occur in a
  // Kubernetes name or an AWS id, so two different lists never join into the same text.
  const text = `targets\n${[...targets].sort().join("\n")}\ncodes\n${[...codes].sort().join("\n")}`;
  return cyrb53(text).toString(16).padStart(14, "0").slice(0, 10);
}

/** Topology → digest: every target of every path (key=verdict, scoped by path) and every finding code. */
export function topologyDigest(t: Pick<Topology, "paths" | "findings">): string {
  const targets = t.paths.flatMap((p) => p.targets.map((x) => `${p.id} ${x.key}=${x.verdict}`));
  const codes = t.findings.map((f) => `${f.code}@${f.pathId ?? ""}`);
  return digestState(targets, codes);
}

/** Triage (one or more clusters) → digest: every listed target with its verdict and code. */
export function triageDigest(triages: readonly Pick<Triage, "cluster" | "targets">[]): string {
  const targets = triages.flatMap((tr) =>
    tr.targets.map((r) => `${tr.cluster} ${r.service.namespace}/${r.service.name} ${r.pathId} ${r.key}=${r.verdict}`),
  );
  const codes = triages.flatMap((tr) => tr.targets.map((r) => `${r.code}@${tr.cluster}/${r.service.namespace}/${r.service.name}`));
  return digestState(targets, codes);
}

/** cyrb53: a fast 53-bit string hash (public domain). Not cryptographic; collisions only blur a UI note. */
function cyrb53(str: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
