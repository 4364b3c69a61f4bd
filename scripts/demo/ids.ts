import { createHash } from "node:crypto";

/**
 * Deterministic identifiers for the demo scenarios. Everything is derived from a seed string with SHA-256,
 * so rebuilding gives byte-identical files (no randomness, no clock) and every scenario gets its own
 * ARNs, instance IDs and UIDs (the test emulator may hold several scenarios at once).
 */

function digest(seed: string): string {
  return createHash("sha256").update(seed).digest("hex");
}

/** `n` lowercase hex characters (n ≤ 64). */
export function hex(seed: string, n: number): string {
  return digest(seed).slice(0, n);
}

/** `n` decimal digits, the first one non-zero (Classic ELB DNS names: `<name>-1234567890.…`). */
export function digits(seed: string, n: number): string {
  const h = digest(seed);
  let out = "";
  for (let i = 0; out.length < n; i++) {
    const d = parseInt(h.slice((i * 2) % 64, (i * 2) % 64 + 2), 16) % 10;
    out += out.length === 0 && d === 0 ? "1" : String(d);
  }
  return out;
}

/** A version-4-shaped UUID, as Kubernetes puts in metadata.uid. */
export function uuid(seed: string): string {
  const h = digest(seed);
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Alphabet of Kubernetes generated name suffixes and pod-template-hash (k8s.io/apimachinery rand.String). */
const K8S_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** A suffix like the ones ReplicaSets, pods and EndpointSlices get (`web-7c9d8f6b5-x2k4q`). */
export function k8sSuffix(seed: string, n: number): string {
  const h = digest(seed);
  let out = "";
  for (let i = 0; i < n; i++) out += K8S_ALPHABET[parseInt(h.slice(i * 2, i * 2 + 2), 16) % K8S_ALPHABET.length];
  return out;
}

/** EC2 instance ID: `i-` + 17 hex characters. */
export function instanceId(seed: string): string {
  return `i-0${hex(`instance/${seed}`, 16)}`;
}

/** VPC subnet ID: `subnet-` + 17 hex characters. */
export function subnetId(seed: string): string {
  return `subnet-0${hex(`subnet/${seed}`, 16)}`;
}
