import type { Metadata } from "next";
import { RuleDocList } from "@/components/overview/RuleDocList";

export const metadata: Metadata = { title: "Rules · lbpath" };

/** /rules#ID: what each rule the analysis cites means, and its sources (same source as docs/rules.md). */
export default function Page() {
  return (
    <div>
      <h1 className="mb-1 text-xl font-semibold">Rules</h1>
      <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-300">
        Every verdict, share, source IP and finding cites the rules behind it by ID. Here is what each rule says and the primary sources it rests on; docs/rules.md has
        the same text. <strong>MODEL</strong> marks a modelling assumption no primary source confirms.
      </p>
      <RuleDocList />
    </div>
  );
}
