// First: the graph code below builds zod schemas, and zod must be jitless before the first one (lib/zodConfig.ts).
import "@/lib/zodConfig";
import { warmLayoutWorker } from "@/components/topology/graph/layoutWorker";
import { perfMark } from "@/lib/perfMark";
import { SERVICE_PAGE } from "@/lib/query/earlyFetch";

/**
 * Runs in the browser before the page hydrates (Next's instrumentation-client convention). On a service page in
 * graph view it starts what the interactive graph will wait for: the graph code (React Flow and the graph view, a
 * lazily loaded chunk) and the layout worker. Started from the page's own components, they began only once the
 * framework's JavaScript had run and the page was hydrating, and the graph code was then the last thing the
 * interactive graph waited for (issue 10, time to interactive graph; docs/benchmarks.md).
 *
 * The import is the same module the page's lazyGraphView.tsx imports, so it is fetched and evaluated once; the
 * worker waits in layoutWorker.ts until the graph view takes it. Other pages do nothing here.
 */
if (SERVICE_PAGE.test(window.location.pathname) && new URLSearchParams(window.location.search).get("view") !== "table") {
  perfMark("lbpath:graph-code-early");
  import("@/components/topology/GraphView").catch(() => undefined); // the page retries and reports a failure itself
  warmLayoutWorker();
}
