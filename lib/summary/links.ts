import { servicePagePath, type SubjectKind } from "@/lib/url/paths";

/**
 * Links from the overview and triage pages into the service page. Its query parameters `path` (Path.id) and
 * `sel` (element key, e.g. Target:i-0abc:31234) are that page's contract (lib/url/viewState.ts).
 */
export function servicePageHref(
  cluster: string,
  namespace: string,
  name: string,
  opts: { path?: string | null; sel?: string | null; kind?: SubjectKind } = {},
): string {
  const base = servicePagePath({ cluster, namespace, name, kind: opts.kind });
  const q = new URLSearchParams();
  if (opts.path) q.set("path", opts.path);
  if (opts.sel) q.set("sel", opts.sel);
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}
