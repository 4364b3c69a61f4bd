import type { SeenOnEdge } from "./model";
import { SEEN_AS } from "@/lib/vocabulary";

/** 0.125 → "12.5%", 1/3 → "33.3%", 1 → "100%". Shares are fractions of new flows (DST-1). */
export function formatShare(share: number | null | undefined): string {
  if (share == null || !Number.isFinite(share)) return "–";
  const pct = share * 100;
  if (pct > 0 && pct < 0.1) return "<0.1%";
  const rounded = Math.round(pct * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}

/** 2 → "2.0×", 1.333 → "1.3×". */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio == null || !Number.isFinite(ratio)) return "–";
  return `${ratio.toFixed(1)}×`;
}

/** Short edge note where the client IP is no longer the L3 source. */
export function seenNote(seen: SeenOnEdge): string | null {
  return seen === "client" ? null : `src: ${SEEN_AS[seen].short}`;
}

/** "1 pod" / "3 pods". */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** "ip-10-0-1-11.ec2.internal" → "ip-10-0-1-11" for cards (the full name stays in titles and labels). */
export function shortNodeName(name: string): string {
  return name.replace(/\.[a-z]{2}(-[a-z]+)+-\d\.compute\.internal$/, "").replace(/\.(ec2|compute)\.internal$/, "");
}

/** Shorten in the middle, keeping the distinguishing suffix of generated names ("web-7d9f…-x2kq9"). */
export function middleTruncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const tail = Math.ceil((max - 1) * 0.45);
  return `${s.slice(0, max - 1 - tail)}…${s.slice(s.length - tail)}`;
}
