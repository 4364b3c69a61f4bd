"use client";
import { formatShare, plural, shortNodeName } from "@/lib/graph/format";
import type { CardProps } from "./shared";
import { Card, Line, Title, useGraphActions, VerdictCounts } from "./shared";
import { SEEN_AS } from "@/lib/vocabulary";
import { PodFlags, VERDICT_FRAME } from "./cardsBand";

/** Cards of collapsed groups: a zone's targets, the rest of an opened zone (with paging), a node's pods. */

function ExpandButton({ expandKey, label }: { expandKey: string; label: string }) {
  const { expand } = useGraphActions();
  return (
    <button
      type="button"
      tabIndex={-1}
      onClick={(e) => {
        e.stopPropagation();
        expand(expandKey);
      }}
      className="nodrag rounded border border-sky-600 px-1 text-[11px] font-semibold text-sky-800 hover:bg-sky-50 dark:text-sky-200 dark:hover:bg-sky-900"
    >
      {label}
    </button>
  );
}

/** ◂ 2/25 ▸ : pages through an opened zone's targets (lib/graph/window.ts). Buttons leave focus on the card. */
export function PageButtons({ group, page, pages }: { group: string; page: number; pages: number }) {
  const { page: go } = useGraphActions();
  const button = (to: number, label: string, words: string) => (
    <button
      type="button"
      tabIndex={-1}
      disabled={to < 0 || to >= pages}
      aria-label={words}
      title={words}
      data-testid={to < page ? "page-previous" : "page-next"}
      onClick={(e) => {
        e.stopPropagation();
        go(group, to);
      }}
      className="nodrag rounded border border-sky-600 px-1 text-[11px] font-semibold text-sky-800 hover:bg-sky-50 disabled:border-slate-300 disabled:text-slate-400 dark:text-sky-200 dark:hover:bg-sky-900"
    >
      {label}
    </button>
  );
  return (
    <span className="flex items-center gap-1 whitespace-nowrap">
      {button(page - 1, "◂", "Previous page of targets")}
      <span data-testid="page-of">
        {page + 1}/{pages}
      </span>
      {button(page + 1, "▸", "Next page of targets")}
    </span>
  );
}

export function TargetZoneGroupCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind !== "targetZoneGroup") return null;
  const v = d.verdicts;
  const w = d.window;
  if (w) {
    return (
      <Card data={data} className={v.fault ? VERDICT_FRAME.fault : "border border-dashed border-slate-400"} testId="card-more-targets">
        <div className="flex justify-between gap-1">
          <Title title={data.g.ariaLabel}>+{d.count} more</Title>
          <span className="font-semibold">{formatShare(d.share)}</span>
        </div>
        <VerdictCounts counts={v} />
        <div className="flex items-center justify-between gap-1">
          <Line title={w.find ? `matching “${w.find}”` : "worst verdicts first"}>{w.find ? `“${w.find}”` : "worst first"}</Line>
          <PageButtons group={w.group} page={w.page} pages={w.pages} />
        </div>
      </Card>
    );
  }
  return (
    <Card data={data} className={v.fault ? VERDICT_FRAME.fault : "border border-slate-400"} testId="card-group">
      <div className="flex justify-between gap-1">
        <Title>{plural(d.count, "target")}</Title>
        <span className="font-semibold">{formatShare(d.share)}</span>
      </div>
      <VerdictCounts counts={v} />
      <div className="flex items-center justify-between gap-1">
        <Line>{d.zone}</Line>
        <ExpandButton expandKey={data.g.expandKey!} label={`+${d.count}`} />
      </div>
    </Card>
  );
}

export function PodGroupCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind !== "podGroup") return null;
  const s = d.summary;
  const over = s.maxRatio != null && s.maxRatio > 1.2;
  const where = s.node ? shortNodeName(s.node) : s.zone;
  return (
    <Card data={data} className="border border-slate-400 shadow-[3px_3px_0_0_rgba(148,163,184,0.6)]" testId="card-group">
      <Title title={data.g.title}>
        {s.count} pods · {where}
      </Title>
      <div className="flex items-baseline gap-1 truncate">
        <span className="font-semibold">{formatShare(s.share)}</span>
        <span className="text-slate-600 dark:text-slate-300">
          {s.ready} Ready{s.seenAs && s.seenAs !== "client" ? ` · see ${SEEN_AS[s.seenAs].short}` : ""}
        </span>
      </div>
      <div className="flex items-center justify-between gap-1">
        <div className="flex gap-1 truncate">
          <PodFlags ratio={s.maxRatio} overFair={over} starved={false} />
          {s.starved > 0 ? (
            <span data-testid="starved" className="whitespace-nowrap rounded bg-red-100 px-0.5 font-semibold text-red-900 dark:bg-red-900 dark:text-red-100">
              ⊘ {s.starved} starved
            </span>
          ) : null}
        </div>
        <ExpandButton expandKey={data.g.expandKey!} label={`+${s.count}`} />
      </div>
    </Card>
  );
}

