"use client";
import Link from "next/link";
import type { Finding, Topology } from "@/lib/api/topology";
import { ApiRequestError } from "@/lib/query/fetchApi";
import { ErrorState } from "@/components/ui/ErrorState";
import { Progress } from "@/components/ui/Spinner";
import { Facts, Section } from "./Facts";
import { FindingsPanel } from "./FindingsPanel";
import { GraphPreviewImage } from "./GraphPreviewImage";
import type { GraphPreview } from "@/lib/graph/preview";
import { VERDICT } from "@/lib/vocabulary";
import { SkeletonView } from "./SkeletonView";

export interface ServiceName {
  cluster: string;
  namespace: string;
  name: string;
  /** An Ingress or Gateway page (issue 13); default a Service. */
  kind?: "Service" | "Ingress" | "Gateway";
}

/**
 * Loading: a skeleton of the page with a labelled progress bar, not a blank screen; with the server-drawn
 * picture of the graph where the graph will be, when there is one.
 */
export function LoadingState({ svc, preview }: { svc: ServiceName; preview?: GraphPreview | null }) {
  return (
    <div className="space-y-4" data-testid="loading-state" aria-busy="true">
      <h1 className="text-xl font-semibold">
        {svc.kind ?? "Service"} {svc.namespace}/{svc.name}
      </h1>
      <Progress value={1} max={2} label={`Reading the ${svc.kind ?? "Service"}, its load balancer and targets in ${svc.cluster}…`} />
      {preview ? (
        <div className="h-[60vh]">
          <GraphPreviewImage preview={preview} />
        </div>
      ) : (
        <div className="grid h-[420px] grid-cols-[repeat(7,1fr)] gap-4 opacity-60 motion-safe:animate-pulse" aria-hidden="true">
          {Array.from({ length: 7 }, (_, i) => (
            <div key={i} className="space-y-3 pt-4">
              {Array.from({ length: i < 4 ? 1 : 3 }, (_, j) => (
                <div key={j} className="h-16 rounded-md bg-slate-200 dark:bg-slate-800" />
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

const back = (
  <Link href="/" className="font-semibold underline">
    ← Back to all clusters and services
  </Link>
);

/** Each failure gets its own design: unknown Service, bad name, sign-in, source down, server gone. */
export function TopologyErrorState({ error, svc, onRetry }: { error: unknown; svc: ServiceName; onRetry: () => void }) {
  const e = error instanceof ApiRequestError ? error : new ApiRequestError(0, "UNKNOWN", error instanceof Error ? error.message : "Unknown error");
  const retry = (
    <button type="button" onClick={onRetry} className="rounded border border-red-400 px-2 py-0.5 font-semibold">
      Try again
    </button>
  );
  if (e.status === 404) {
    const cluster = e.code === "CLUSTER_NOT_FOUND";
    return <ErrorState title={cluster ? `Cluster “${svc.cluster}” not found` : `Service ${svc.namespace}/${svc.name} not found in ${svc.cluster}`} message={e.message} fix={e.fix ?? "Check the spelling, or pick the Service from the overview."} code={e.code} actions={back} />;
  }
  if (e.status === 400) return <ErrorState title="Not a valid Service address" message={e.message} fix={e.fix ?? "Namespaces and names are DNS-1123 labels: lower-case letters, digits and '-'."} code={e.code} actions={back} />;
  if (e.status === 401 || e.status === 403) {
    return (
      <ErrorState
        title="Not signed in"
        message={e.message}
        fix={e.fix}
        code={e.code}
        actions={
          <Link href={`/login?next=${encodeURIComponent(typeof window === "undefined" ? "/" : window.location.pathname + window.location.search)}`} className="font-semibold underline">
            Sign in
          </Link>
        }
      />
    );
  }
  if (e.status === 0) return <ErrorState title="The lbpath server is not answering" message={e.message} fix={e.fix} code={e.code} actions={retry} />;
  return (
    <ErrorState
      title={`Cannot read cluster “${svc.cluster}”`}
      message={e.message}
      fix={e.fix}
      code={`${e.code}${e.status ? ` (HTTP ${e.status})` : ""}`}
      actions={
        <>
          {retry}
          {back}
        </>
      }
    />
  );
}

/**
 * No path to draw. Three designed cases: the load balancer is still being provisioned (`<pending>`), AWS
 * could not be read (the Kubernetes half is shown, the AWS half is unknown), or no load balancer matched.
 */
export function EmptyState({ topology, findings, picture = true }: { topology: Topology; findings: Finding[]; picture?: boolean }) {
  const s = topology.service;
  const pending = s.ingress.length === 0 && s.type === "LoadBalancer";
  const awsUnknown = topology.warnings.some((w) => w.source === "aws");
  return (
    <div className="space-y-4" data-testid={pending ? "empty-pending" : awsUnknown ? "partial-aws-unknown" : "empty-no-path"}>
      <section className="rounded-md border border-slate-300 bg-slate-50 p-4 dark:border-slate-700 dark:bg-slate-900">
        {pending ? (
          <>
            <h2 className="text-lg font-semibold">
              <span aria-hidden="true">{VERDICT.transient.symbol} </span>The load balancer is being provisioned (&lt;pending&gt;)
            </h2>
            <p className="mt-1 text-sm">
              Kubernetes has not written a load balancer address into <code>status.loadBalancer.ingress</code> yet, so there is no path to draw.
              {s.controller === "unknown"
                ? ` The Service sets loadBalancerClass “${s.loadBalancerClass ?? ""}”, which no AWS controller lbpath knows serves; check that its controller runs.`
                : " The controller usually creates the load balancer within a minute or two; this page refreshes by itself."}
            </p>
            <p className="mt-1 text-sm">
              If it stays pending, read the Service&apos;s events: <code className="break-all">kubectl -n {s.namespace} describe service {s.name}</code>
            </p>
          </>
        ) : awsUnknown ? (
          <>
            <h2 className="text-lg font-semibold">
              <span aria-hidden="true">? </span>The AWS half is unknown
            </h2>
            <p className="mt-1 text-sm">The load balancer, its listeners and targets could not be read (see the warning above). What Kubernetes reports is below.</p>
          </>
        ) : (
          <>
            <h2 className="text-lg font-semibold">No load balancer path</h2>
            <p className="mt-1 text-sm">No load balancer listener could be matched to this Service&apos;s ports. The findings below say why.</p>
          </>
        )}
      </section>
      <Section title="Kubernetes">
        <Facts
          rows={[
            ["Type", s.type],
            ["externalTrafficPolicy", s.type === "LoadBalancer" ? s.externalTrafficPolicy : null],
            ["Controller", s.controller],
            ["loadBalancerClass", s.loadBalancerClass],
            ["healthCheckNodePort", s.healthCheckNodePort != null ? String(s.healthCheckNodePort) : null],
            ["Ingress", s.ingress.length ? s.ingress.join(", ") : "<pending>"],
          ]}
        />
      </Section>
      {topology.skeleton ? <SkeletonView topology={topology} skeleton={topology.skeleton} picture={picture} /> : null}
      <Section title="Findings">
        <FindingsPanel findings={findings} active={null} />
      </Section>
    </div>
  );
}
