import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { describeParamError, ServiceParams } from "@/lib/api/params";
import { decodeSegment } from "@/lib/url/paths";
import { parseViewState } from "@/lib/url/viewState";
import { graphPreview } from "@/server/views/graphPreview";
import { ErrorState } from "@/components/ui/ErrorState";
import { ServiceView } from "@/components/topology/ServiceView";
import { LoadingState } from "@/components/topology/TopologyStates";

type Params = Promise<{ cluster: string; namespace: string; name: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function readParams(params: Params) {
  const raw = await params;
  return { cluster: decodeSegment(raw.cluster), namespace: decodeSegment(raw.namespace), name: decodeSegment(raw.name) };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const p = await readParams(params);
  return { title: `${p.namespace}/${p.name} · ${p.cluster} · lbpath` };
}

/**
 * /clusters/{cluster}/namespaces/{namespace}/services/{name}: the service page. The address names the
 * Service; everything else about the view (path, selection, expanded groups, tab) is in the query string
 * (lib/url/viewState.ts). Data is fetched and refreshed in the browser (components/topology/ServiceView); the first
 * request starts from the HTML's head (lib/query/earlyFetch.ts), and the server draws a first picture of the graph.
 */
export default async function ServicePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const p = await readParams(params);
  const parsed = ServiceParams.safeParse(p);
  if (!parsed.success) {
    return (
      <ErrorState
        title="Not a valid Service address"
        message={describeParamError(parsed.error)}
        fix="Namespaces and Service names are DNS-1123 labels: lower-case letters, digits and '-', starting and ending with a letter or digit."
        code="INVALID_PARAMETER"
        actions={
          <Link href="/" className="font-semibold underline">
            ← Back to all clusters and services
          </Link>
        }
      />
    );
  }
  // A server-drawn picture of the graph, on screen before any JavaScript runs (server/views/graphPreview.ts).
  const preview = await graphPreview(parsed.data, parseViewState(await searchParams));
  // useSearchParams needs a Suspense boundary; its fallback is the designed loading state.
  return (
    <Suspense fallback={<LoadingState svc={parsed.data} />}>
      <ServiceView {...parsed.data} preview={preview} />
    </Suspense>
  );
}
