import { Fragment } from "react";
import { PATH_CODES, TARGET_CODES } from "@/lib/api/codes";
import { FINDING_DOCS, PATH_CODE_LIST, TARGET_CODE_LIST } from "@/lib/summary/findingDocs";
import { kindLabel } from "@/lib/summary/findingsMarkdown";

/** `text with \`code\`` → text and <code> elements (never HTML: the docs are text, rendered as text). */
function Inline({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]*`)/).map((part, i) =>
        part.startsWith("`") && part.endsWith("`") && part.length > 1 ? (
          <code key={i} className="rounded bg-slate-100 px-1 text-[0.85em] dark:bg-slate-800">
            {part.slice(1, -1)}
          </code>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

const KIND_CLS: Record<string, string> = {
  fault: "bg-red-600 text-white",
  expected: "border border-dashed border-slate-400",
  transient: "bg-amber-100 text-amber-900",
  unknown: "bg-slate-200 text-slate-800",
  healthy: "bg-emerald-100 text-emerald-900",
  path: "bg-sky-100 text-sky-900",
};

/** Every finding code with its meaning, rules, how to confirm and how to fix; the same text as docs/findings.md. */
export function FindingDocList() {
  const section = (title: string, codes: readonly string[], short: Record<string, string>) => (
    <section className="mb-8">
      <h2 className="mb-2 text-lg font-semibold">{title}</h2>
      <ul className="mb-4 columns-2 text-sm">
        {codes.map((c) => (
          <li key={c}>
            <a href={`#${c}`} className="font-mono text-xs text-blue-700 hover:underline dark:text-blue-300">
              {c}
            </a>{" "}
            <span className="text-xs text-slate-500">{short[c]}</span>
          </li>
        ))}
      </ul>
      {codes.map((c) => {
        const d = FINDING_DOCS[c as keyof typeof FINDING_DOCS];
        return (
          <article key={c} id={c} className="mb-4 scroll-mt-4 rounded border border-slate-200 p-3 target:ring-2 target:ring-blue-500 dark:border-slate-700">
            <h3 className="flex flex-wrap items-baseline gap-2">
              <span className="font-mono font-semibold">{c}</span>
              <span className="font-medium">{d.title}</span>
              <span className={`rounded px-1.5 text-xs ${KIND_CLS[d.kind]}`}>{kindLabel(d.kind)}</span>
              <span className="text-xs text-slate-500">rules: {d.rules.join(", ")}</span>
            </h3>
            <p className="mt-1 text-sm">{d.meaning}</p>
            <h4 className="mt-2 text-xs font-semibold uppercase text-slate-600 dark:text-slate-300">How to confirm</h4>
            <ul className="ml-5 list-disc text-sm">
              {d.confirm.map((s, i) => (
                <li key={i}>
                  <Inline text={s} />
                </li>
              ))}
            </ul>
            <h4 className="mt-2 text-xs font-semibold uppercase text-slate-600 dark:text-slate-300">How to fix</h4>
            <ul className="ml-5 list-disc text-sm">
              {d.fix.map((s, i) => (
                <li key={i}>
                  <Inline text={s} />
                </li>
              ))}
            </ul>
          </article>
        );
      })}
    </section>
  );
  return (
    <div className="max-w-4xl">
      {section("Target codes (one per target verdict)", TARGET_CODE_LIST, TARGET_CODES)}
      {section("Path codes (findings about a load balancer path)", PATH_CODE_LIST, PATH_CODES)}
    </div>
  );
}
