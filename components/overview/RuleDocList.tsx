import { RULES, SOURCES, type SourceKey } from "@/lib/api/rules";
import { citedSources, RULE_GROUPS, rulesOf } from "@/lib/summary/rulesMarkdown";

/** Every rule with its text and sources; the same text as docs/rules.md. Text only: nothing is rendered as HTML. */
export function RuleDocList() {
  return (
    <div className="max-w-4xl" data-testid="rule-list">
      <nav aria-label="Rule groups" className="mb-4 flex flex-wrap gap-3 text-sm">
        {RULE_GROUPS.map((g) => (
          <a key={g} href={`#group-${g.replace(/\s+/g, "-")}`} className="text-blue-700 underline dark:text-blue-300">
            {g}
          </a>
        ))}
        <a href="#sources" className="text-blue-700 underline dark:text-blue-300">
          Sources
        </a>
      </nav>
      {RULE_GROUPS.map((g) => (
        <section key={g} id={`group-${g.replace(/\s+/g, "-")}`} className="mb-6">
          <h2 className="mb-2 text-lg font-semibold">{g}</h2>
          <dl className="space-y-2">
            {rulesOf(g).map((id) => {
              const r: { text: string; sources: readonly SourceKey[]; status?: string } = RULES[id];
              return (
                <div key={id} id={id} className="scroll-mt-4 rounded border border-slate-200 p-2 target:border-amber-500 target:ring-2 target:ring-amber-400 dark:border-slate-700">
                  <dt className="font-mono text-sm font-semibold">{id}</dt>
                  <dd className="text-sm">
                    {r.status === "model" ? <strong>MODEL. </strong> : null}
                    {r.text}
                    <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">
                      Sources:{" "}
                      {r.sources.map((s, i) => (
                        <span key={s}>
                          {i ? ", " : ""}
                          <a href={`#source-${s}`} className="font-mono underline">
                            {s}
                          </a>
                        </span>
                      ))}
                    </span>
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
      <section id="sources">
        <h2 className="mb-2 text-lg font-semibold">Sources</h2>
        <ul className="space-y-1 text-sm">
          {citedSources().map((k) => (
            <li key={k} id={`source-${k}`} className="scroll-mt-4">
              <span className="mr-1 font-mono font-semibold">{k}</span>
              <a href={SOURCES[k].url} rel="noreferrer noopener" className="text-blue-700 underline dark:text-blue-300">
                {SOURCES[k].title}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
