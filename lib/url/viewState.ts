import { z } from "zod";
import { Verdict } from "@/lib/api/topology";
import { DEFAULT_WINDOW, windowSeconds } from "@/lib/api/timeline";

/**
 * Everything the service page needs to reproduce a view lives in the URL (issue 3, "Shareable"):
 *   ?path=<pathId>&sel=<element key>&expand=<key,key>&page=<Targets:zone:n,…>&find=<text>&view=graph|table|timeline
 *    &finding=<CODE>&verdict=<v,v>&tw=<timeline window, e.g. 15m>&tend=<timeline end, ISO time>
 * Each parameter is parsed on its own with zod; a bad value falls back to its default instead of
 * breaking the page, and defaults are omitted when writing, so links stay short and canonical.
 */

/** Element keys (Target:i-0abc:31234, Pod:ns/name, Zone:us-east-1a, Pods:<node>, …): no blanks, no commas. */
const ElementKey = z.string().min(1).max(300).regex(/^[^\s,]+$/);
const FindingCode = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/);
/** A page of an opened zone beyond the first: `Targets:<zone>:<n>`, n 1-based (lib/graph/window.ts). */
const PageEntry = z.string().max(300).regex(/^Targets:[^\s,]+:[1-9]\d{0,3}$/);
/** The target search: printable text, at most 100 characters. */
const FindText = z.string().trim().min(1).max(100).regex(/^[^\p{Cc}]+$/u);
export const VIEWS = ["graph", "table", "timeline"] as const;
export type View = (typeof VIEWS)[number];
/** More expanded groups than this is not a view anyone built by clicking; ignore the rest. */
export const MAX_EXPANDED = 200;

export interface ViewState {
  path: string | null;
  sel: string | null;
  expand: string[];
  /** Pages of opened zones beyond the first. */
  page: string[];
  find: string | null;
  view: View;
  finding: string | null;
  verdict: Verdict[];
  /** Timeline zoom: the window's length ("15m" … "6h") and its end (null: the data's time). */
  tw: string;
  tend: string | null;
}

/** The parameters this module owns; others in the URL (e.g. asOf/digest pins) are left alone. */
export const VIEW_PARAMS = ["path", "sel", "expand", "page", "find", "view", "finding", "verdict", "tw", "tend"] as const;

export const DEFAULT_VIEW: ViewState = { path: null, sel: null, expand: [], page: [], find: null, view: "graph", finding: null, verdict: [], tw: DEFAULT_WINDOW, tend: null };

const TimelineWindow = z.string().refine((w) => windowSeconds(w) !== null);
const TimelineEnd = z.iso.datetime({ offset: true });

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function first(src: ParamSource, name: string): string | undefined {
  if (src instanceof URLSearchParams) return src.get(name) ?? undefined;
  const v = src[name];
  return Array.isArray(v) ? v[0] : v;
}

function list<T>(raw: string | undefined, item: z.ZodType<T>, max: number): T[] {
  if (!raw) return [];
  const out = new Set<T>();
  for (const part of raw.split(",")) {
    const r = item.safeParse(part.trim());
    if (r.success) out.add(r.data);
    if (out.size >= max) break;
  }
  return [...out].sort();
}

export function parseViewState(src: ParamSource): ViewState {
  const path = ElementKey.safeParse(first(src, "path"));
  const sel = ElementKey.safeParse(first(src, "sel"));
  const view = z.enum(VIEWS).safeParse(first(src, "view"));
  const finding = FindingCode.safeParse(first(src, "finding"));
  const find = FindText.safeParse(first(src, "find"));
  return {
    path: path.success ? path.data : null,
    sel: sel.success ? sel.data : null,
    expand: list(first(src, "expand"), ElementKey, MAX_EXPANDED),
    page: onePerGroup(list(first(src, "page"), PageEntry, MAX_EXPANDED)),
    find: find.success ? find.data : null,
    view: view.success ? view.data : DEFAULT_VIEW.view,
    finding: finding.success ? finding.data : null,
    verdict: list(first(src, "verdict"), Verdict, Verdict.options.length),
    tw: TimelineWindow.safeParse(first(src, "tw")).data ?? DEFAULT_VIEW.tw,
    tend: TimelineEnd.safeParse(first(src, "tend")).data ?? null,
  };
}

/** Keep `:`, `/` and `,` readable in links; everything else is percent-encoded. */
function enc(v: string): string {
  return encodeURIComponent(v).replace(/%3A/g, ":").replace(/%2F/g, "/").replace(/%2C/g, ",");
}

/** "?path=…&sel=…" (or "" for the default view). Parameters in a fixed order, defaults left out. */
export function serializeViewState(state: Partial<ViewState>): string {
  const s = { ...DEFAULT_VIEW, ...state };
  const parts: string[] = [];
  if (s.path) parts.push(`path=${enc(s.path)}`);
  if (s.sel) parts.push(`sel=${enc(s.sel)}`);
  if (s.expand.length) parts.push(`expand=${[...new Set(s.expand)].sort().map(enc).join(",")}`);
  if (s.page.length) parts.push(`page=${onePerGroup(s.page).map(enc).join(",")}`);
  if (s.find) parts.push(`find=${enc(s.find)}`);
  if (s.view !== DEFAULT_VIEW.view) parts.push(`view=${s.view}`);
  if (s.finding) parts.push(`finding=${enc(s.finding)}`);
  if (s.verdict.length) parts.push(`verdict=${[...new Set(s.verdict)].sort().join(",")}`);
  if (s.tw !== DEFAULT_VIEW.tw) parts.push(`tw=${s.tw}`);
  if (s.tend) parts.push(`tend=${enc(s.tend)}`);
  return parts.length ? `?${parts.join("&")}` : "";
}

/** The view's query, keeping any parameter of `current` this module does not own (in their order). */
export function mergeQuery(state: Partial<ViewState>, current: URLSearchParams): string {
  const own = serializeViewState(state);
  const foreign: string[] = [];
  current.forEach((v, k) => {
    if (!(VIEW_PARAMS as readonly string[]).includes(k)) foreign.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  });
  if (!foreign.length) return own;
  return own ? `${own}&${foreign.join("&")}` : `?${foreign.join("&")}`;
}

/** One page per zone (the last given wins), sorted. */
function onePerGroup(entries: string[]): string[] {
  const byGroup = new Map<string, string>();
  for (const e of entries) byGroup.set(e.slice(0, e.lastIndexOf(":")), e);
  return [...byGroup.values()].sort();
}

/** Add or remove one group key in `expand`; closing a zone forgets its page. */
export function toggleExpanded(state: ViewState, key: string, open: boolean): ViewState {
  const set = new Set(state.expand);
  if (open) set.add(key);
  else set.delete(key);
  const page = open ? state.page : state.page.filter((e) => !e.startsWith(`${key}:`));
  return { ...state, expand: [...set].sort(), page };
}

/** Show page `page` (0-based) of an opened zone `group` (`Targets:<zone>`); the first page is the default. */
export function setPage(state: ViewState, group: string, page: number): ViewState {
  const rest = state.page.filter((e) => !e.startsWith(`${group}:`));
  return { ...state, page: page > 0 ? [...rest, `${group}:${page + 1}`].sort() : rest };
}

/** Search targets by text; a new search starts every zone at its first page. */
export function setFind(state: ViewState, find: string | null): ViewState {
  const text = find?.trim() ? find.trim().slice(0, 100) : null;
  return text === state.find ? state : { ...state, find: text, page: [] };
}
