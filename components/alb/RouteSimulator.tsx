"use client";
import { useMutation } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { RouteResult, type RouteRequest } from "@/lib/api/route";
import { ApiRequestError } from "@/lib/query/fetchApi";
import { routeApiPath, type ServiceRef } from "@/lib/url/paths";
import { actionText } from "@/lib/alb/ruleText";

/**
 * The rule simulator (issue 13): host, path and optional headers, method, query and source IP → which rule wins,
 * which later rules match too, and the pods the request lands on. Its inputs live in the URL (`rhost`, `rpath`,
 * `rh` "Name: value" per header, `rmethod`, `rquery`, `rsrc`, `rport`), so a shared link re-runs the same question.
 */
const KEYS = { host: "rhost", path: "rpath", method: "rmethod", query: "rquery", sourceIp: "rsrc", port: "rport", headers: "rh" } as const;

interface Form { host: string; path: string; headers: string; method: string; query: string; sourceIp: string; port: string }

function fromUrl(q: URLSearchParams): Form {
  return {
    host: q.get(KEYS.host) ?? "",
    path: q.get(KEYS.path) ?? "/",
    headers: q.getAll(KEYS.headers).join("\n"),
    method: q.get(KEYS.method) ?? "",
    query: q.get(KEYS.query) ?? "",
    sourceIp: q.get(KEYS.sourceIp) ?? "",
    port: q.get(KEYS.port) ?? "",
  };
}

function toRequest(f: Form): RouteRequest {
  const headers: Record<string, string> = {};
  for (const line of f.headers.split("\n")) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return {
    host: f.host.trim(),
    path: f.path.trim() || "/",
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(f.method.trim() ? { method: f.method.trim() } : {}),
    ...(f.query.trim() ? { query: f.query.trim().replace(/^\?/, "") } : {}),
    ...(f.sourceIp.trim() ? { sourceIp: f.sourceIp.trim() } : {}),
    ...(f.port.trim() ? { port: Number(f.port.trim()) } : {}),
  };
}

type SubjectRef = ServiceRef & { kind: "Ingress" | "Gateway" };

async function post(ref: SubjectRef, body: RouteRequest): Promise<RouteResult> {
  const res = await fetch(routeApiPath(ref), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string; fix?: string } } | null;
  if (!res.ok) throw new ApiRequestError(res.status, json?.error?.code ?? "HTTP_ERROR", json?.error?.message ?? `HTTP ${res.status}`, json?.error?.fix);
  return RouteResult.parse(json);
}

export function RouteSimulator({ subject, onWinner }: { subject: SubjectRef; onWinner?: (priority: string | null) => void }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [form, setForm] = useState<Form>(() => fromUrl(new URLSearchParams(params.toString())));
  const m = useMutation({ mutationFn: (body: RouteRequest) => post(subject, body) });
  const ran = useRef(false);

  // A link that carries the inputs answers at once.
  useEffect(() => {
    if (ran.current || !form.host) return;
    ran.current = true;
    m.mutate(toRequest(form));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => onWinner?.(m.data?.winner?.priority ?? null), [m.data, onWinner]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = new URLSearchParams(params.toString());
    for (const k of Object.values(KEYS)) q.delete(k);
    const set = (k: string, v: string) => { if (v.trim()) q.set(k, v.trim()); };
    set(KEYS.host, form.host);
    set(KEYS.path, form.path);
    set(KEYS.method, form.method);
    set(KEYS.query, form.query);
    set(KEYS.sourceIp, form.sourceIp);
    set(KEYS.port, form.port);
    for (const line of form.headers.split("\n")) if (line.includes(":")) q.append(KEYS.headers, line.trim());
    router.replace(`${pathname}?${q.toString()}`, { scroll: false });
    m.mutate(toRequest(form));
  };
  const field = (key: keyof Form, label: string, placeholder: string, extra: Record<string, string> = {}) => (
    <label className="flex flex-col text-xs">
      <span className="font-medium">{label}</span>
      <input
        className="rounded border border-slate-400 px-2 py-1 font-mono text-sm dark:border-slate-600 dark:bg-slate-900"
        value={form[key]}
        placeholder={placeholder}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        data-testid={`sim-${key}`}
        {...extra}
      />
    </label>
  );
  const r = m.data;
  return (
    <section aria-labelledby="sim-heading" className="rounded border border-slate-300 p-3 dark:border-slate-700" data-testid="route-simulator">
      <h2 id="sim-heading" className="mb-2 text-sm font-semibold">Which rule wins? Try a request</h2>
      <form onSubmit={submit} className="grid grid-cols-1 gap-2 md:grid-cols-4">
        {field("host", "Host", "shop.example.com", { required: "true" })}
        {field("path", "Path", "/api/orders")}
        {field("method", "Method (optional)", "GET")}
        {field("query", "Query (optional)", "version=v2")}
        {field("sourceIp", "Source IP (optional)", "203.0.113.10")}
        {field("port", "Listener port (optional)", "80")}
        <label className="flex flex-col text-xs md:col-span-2">
          <span className="font-medium">Headers (optional, one "Name: value" per line)</span>
          <textarea className="rounded border border-slate-400 px-2 py-1 font-mono text-sm dark:border-slate-600 dark:bg-slate-900" rows={2} value={form.headers} onChange={(e) => setForm({ ...form, headers: e.target.value })} data-testid="sim-headers" />
        </label>
        <div className="md:col-span-4">
          <button type="submit" className="rounded bg-blue-700 px-3 py-1 text-sm font-semibold text-white hover:bg-blue-800 focus:outline focus:outline-2 focus:outline-offset-2" disabled={m.isPending}>
            {m.isPending ? "Evaluating…" : "Evaluate"}
          </button>
        </div>
      </form>
      {m.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300" data-testid="sim-error">
          {m.error.message}
          {m.error instanceof ApiRequestError && m.error.fix ? ` Fix: ${m.error.fix}` : ""}
        </p>
      ) : null}
      {r ? (
        <div className="mt-3 space-y-2 text-sm" data-testid="sim-result" aria-live="polite">
          <p className="font-semibold" data-testid="sim-summary">{r.summary}</p>
          <p className="text-xs text-slate-600 dark:text-slate-300">
            Evaluated: {r.evaluated.map((e) => `${e.priority} ${e.outcome}`).join(" · ")}
          </p>
          {r.action ? <p className="text-xs">Action: {actionText(r.action)}</p> : null}
          {r.targetPods.length ? (
            <table className="text-xs" aria-label="Pods the request lands on">
              <thead>
                <tr className="text-left"><th scope="col" className="pr-3">Pod</th><th scope="col" className="pr-3">IP</th><th scope="col" className="pr-3">Node</th><th scope="col" className="pr-3">Share</th><th scope="col">Target group</th></tr>
              </thead>
              <tbody>
                {r.targetPods.map((p) => (
                  <tr key={`${p.targetGroup}/${p.namespace}/${p.name}`} data-testid="sim-pod">
                    <td className="pr-3 font-mono">{p.namespace}/{p.name}</td>
                    <td className="pr-3 font-mono">{p.ip ?? "—"}</td>
                    <td className="pr-3">{p.node ?? "—"}</td>
                    <td className="pr-3">{Math.round(p.share * 1000) / 10} %</td>
                    <td className="font-mono">{p.targetGroup}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
