import type { Rng } from "../prng";

/** Identifier shapes of AWS and Kubernetes, drawn from a seeded stream (see scripts/demo/ids.ts for the demo's). */

export const REGION = "us-east-1";
export const ACCOUNT = "444455556666";
export const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"] as const;
export const ZONE_IDS = ["use1-az1", "use1-az2", "use1-az4"] as const;
/** Snapshot time; everything was created before it. */
export const CAPTURED_AT = "2026-11-20T10:00:00Z";
const CAPTURED_MS = Date.parse(CAPTURED_AT);

/** A version-4-shaped UUID, as Kubernetes puts in metadata.uid. */
export function uuid(rng: Rng): string {
  const h = rng.hex(32);
  const variant = "89ab"[rng.int(4)];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** EC2 instance ID: `i-0` + 16 hex characters. */
export function instanceId(rng: Rng): string {
  return `i-0${rng.hex(16)}`;
}

/** Alphabet of Kubernetes generated suffixes and pod-template-hash (apimachinery rand.String). */
const K8S_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

export function k8sSuffix(rng: Rng, n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += K8S_ALPHABET[rng.int(K8S_ALPHABET.length)];
  return out;
}

/** `n` decimal digits, the first non-zero (Classic ELB DNS names). */
export function digits(rng: Rng, n: number): string {
  let out = String(1 + rng.int(9));
  while (out.length < n) out += String(rng.int(10));
  return out;
}

/** RFC 3339 (second precision) some time in the `maxDays` before the snapshot. */
export function createdBefore(rng: Rng, maxDays: number): string {
  return new Date(CAPTURED_MS - Math.floor(rng.next() * maxDays * 86_400) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * VPC addressing: zone z owns 10.(64z .. 64z+63).x.x (a /10 per zone, room for the XL cluster), nodes and pods
 * share it as with the VPC CNI (pods get secondary IPs from their node's subnet). Last octets 4–253 only.
 */
export function zoneAddress(zone: number, k: number): string {
  const per = 250;
  const host = (k % per) + 4;
  const rest = Math.floor(k / per);
  return `10.${zone * 64 + Math.floor(rest / 256)}.${rest % 256}.${host}`;
}
