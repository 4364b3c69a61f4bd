import type { Metadata } from "next";
import { FindingDocList } from "@/components/overview/FindingDocList";

export const metadata: Metadata = { title: "Finding codes · lbpath" };

/** /findings#CODE: what each finding code means and how to fix it (same source as docs/findings.md). */
export default function Page() {
  return (
    <div>
      <h1 className="mb-1 text-xl font-semibold">Finding codes</h1>
      <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-300">
        Every verdict and finding carries one of these stable codes; the API, these pages, links (<code>?code=</code>) and docs/findings.md use
        the same strings. <strong>Expected</strong> means unhealthy by design or by configuration: no action needed. Rule IDs link to{" "}
        <a href="/rules" className="underline">
          the rules
        </a>
        .
      </p>
      <FindingDocList />
    </div>
  );
}
