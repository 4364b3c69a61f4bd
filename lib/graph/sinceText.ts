import type { TargetSince } from "@/lib/api/topology";

/**
 * "For how long" words for a target's state (issue 12), measured against the data's own time (the snapshot's
 * capturedAt), never the browser's clock: a shared demo or capture keeps its meaning.
 */

/** 45 000 → "45 s", 720 000 → "12 min", 11 100 000 → "3 h 5 min", 2 days → "2 d 0 h". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h${m % 60 ? ` ${m % 60} min` : ""}`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** "09:48:10 UTC" (with the date when not the same day as `ref`). */
export function clockUtc(iso: string, ref?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = d.toISOString().slice(11, 19);
  const sameDay = !ref || ref.slice(0, 10) === d.toISOString().slice(0, 10);
  return `${sameDay ? "" : `${d.toISOString().slice(0, 10)} `}${time} UTC`;
}

/** "for 12 min (since 09:48:10 UTC)", or "for at least 6 h (lbpath has watched since 04:00:00 UTC)"; null without history. */
export function sinceText(since: TargetSince | null | undefined, now: string): string | null {
  if (!since) return null;
  const d = formatDuration(Date.parse(now) - Date.parse(since.at));
  return since.atLeast ? `for at least ${d} (lbpath has watched since ${clockUtc(since.at, now)})` : `for ${d} (since ${clockUtc(since.at, now)})`;
}
