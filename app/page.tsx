import { Suspense } from "react";
import { OverviewPage } from "@/components/overview/OverviewPage";

/** Overview: what is broken, and where (issue 4). All state is in the URL, read on the client. */
export default function Home() {
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
      <OverviewPage />
    </Suspense>
  );
}
