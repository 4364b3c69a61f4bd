"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Path, Topology } from "@/lib/api/topology";
import { changeToParam, WhatIfResponse } from "@/lib/api/whatIf";
import { ApiRequestError, fetchApi } from "@/lib/query/fetchApi";
import { queryKeys } from "@/lib/query/keys";
import { whatIfApiPath } from "@/lib/url/paths";
import { Banner } from "@/components/ui/Banner";
import { Spinner } from "@/components/ui/Spinner";
import { WhatIfControls } from "./WhatIfControls";
import { WhatIfResult } from "./WhatIfResult";
import { useWhatIfUrl } from "./useWhatIfUrl";

/**
 * "What if…" (issue 11): choose changes, see the path now and once the change has settled, what it costs, and the
 * exact change to apply. The proposal lives in the URL, so a copied link shows the same prediction.
 */
export function WhatIfPanel({ topology, path }: { topology: Topology; path: Path }) {
  const [url, setUrl] = useWhatIfUrl();
  const params = url.changes.map(changeToParam);
  const ref = { cluster: topology.cluster, namespace: topology.service.namespace, name: topology.service.name };
  const q = useQuery({
    queryKey: queryKeys.whatIf(ref.cluster, ref.namespace, ref.name, params),
    queryFn: ({ signal }) => fetchApi(whatIfApiPath(ref, params), WhatIfResponse, signal),
    enabled: params.length > 0,
    // The prediction follows the live data, less often than the page: it is heavier and changes less.
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
    retry: (count, err) => !(err instanceof ApiRequestError && err.permanent) && count < 1,
  });
  const error = q.error instanceof ApiRequestError ? q.error : null;
  return (
    <section aria-label="What if" data-testid="what-if" className="space-y-3 rounded-md border border-sky-300 p-3 dark:border-sky-800">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-base font-semibold">What if…</h2>
        <span className="text-xs text-slate-600 dark:text-slate-300">a prediction from the same rules as the analysis; nothing is applied</span>
        {params.length ? (
          <button type="button" className="text-xs underline" onClick={() => setUrl({ open: true, changes: [] })}>
            clear
          </button>
        ) : null}
        <button type="button" className="ml-auto rounded border border-slate-300 px-2 py-0.5 text-sm dark:border-slate-600" onClick={() => setUrl({ open: false, changes: [] })}>
          Close
        </button>
      </div>
      <WhatIfControls topology={topology} path={path} changes={url.changes} onChange={(changes) => setUrl({ open: true, changes })} />
      {url.unreadable ? (
        <Banner tone="warning" title={`${url.unreadable} change(s) in this link could not be read and were left out`}>
          The link may come from a newer lbpath; choose the changes again.
        </Banner>
      ) : null}
      {!params.length ? <p className="text-sm text-slate-600 dark:text-slate-300">Choose a change above to see the path before and after it.</p> : null}
      {params.length && q.isFetching && !q.data ? <Spinner label="Predicting the path after the change…" showLabel /> : null}
      {params.length && error ? (
        <Banner tone="error" title="This change cannot be predicted" testId="what-if-error">
          <p>{error.message}</p>
          {error.fix ? <p><span className="font-semibold">Fix:</span> {error.fix}</p> : null}
          <p className="font-mono text-xs opacity-75">{error.code}</p>
        </Banner>
      ) : null}
      {params.length && q.data && !error ? <WhatIfResult result={q.data} pathId={path.id} /> : null}
    </section>
  );
}
