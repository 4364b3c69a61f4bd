import type { Metadata } from "next";
import { Suspense } from "react";
import { TriagePage } from "@/components/triage/TriagePage";

export const metadata: Metadata = { title: "Triage · lbpath" };

/** Triage: every non-healthy target, ranked by what needs a human first (issue 4). */
export default function Page() {
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
      <TriagePage />
    </Suspense>
  );
}
