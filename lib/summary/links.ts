/**
 * URLs of lbpath pages. The service page's query parameters `path` (Path.id) and `sel` (element key, e.g.
 * Target:i-0abc:31234) are that page's contract (components/topology); the names must not change here alone.
 */
export function servicePageHref(
  cluster: string,
  namespace: string,
  name: string,
  opts: { path?: string | null; sel?: string | null } = {},
): string {
  const base = `/clusters/${encodeURIComponent(cluster)}/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(name)}`;
  const q = new URLSearchParams();
  if (opts.path) q.set("path", opts.path);
  if (opts.sel) q.set("sel", opts.sel);
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

export function triageHref(cluster?: string): string {
  return cluster ? `/triage?cluster=${encodeURIComponent(cluster)}` : "/triage";
}
