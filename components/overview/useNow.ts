"use client";
import { useEffect, useState } from "react";

/** The current time, updated every `ms`, for "12 s ago" labels. Starts null so server and client HTML agree. */
export function useNow(ms = 5_000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const id = setInterval(tick, ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

export function formatAge(iso: string, now: number | null): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "unknown";
  if (now === null) return new Date(t).toISOString().slice(11, 19) + " UTC";
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}
