"use client";
import { useEffect, useState, type ComponentProps } from "react";
import { Banner } from "@/components/ui/Banner";
import { Spinner } from "@/components/ui/Spinner";
import { perfMark } from "@/lib/perfMark";
import { GraphPreviewImage } from "./GraphPreviewImage";

type GraphViewComponent = typeof import("./GraphView").default;
type GraphViewProps = ComponentProps<GraphViewComponent>;

let loading: Promise<GraphViewComponent> | null = null;

/**
 * React Flow and the layout code are not in the initial bundle: this loads them once, and the service page calls
 * it at mount so they arrive while the topology is on its way (issue 6, time to graph).
 */
export function loadGraphView(): Promise<GraphViewComponent> {
  if (!loading) perfMark("lbpath:graph-code-start");
  loading ??= import("./GraphView").then(
    (m) => {
      perfMark("lbpath:graph-code");
      return m.default;
    },
    (e: unknown) => {
      loading = null; // a failed chunk load (network blip, new deploy) may succeed when asked again
      throw e;
    },
  );
  return loading;
}

/**
 * The graph view, loaded on demand. Not `next/dynamic`: it suspends, and React holds back revealing a
 * suspended boundary for up to 300 ms after its fallback showed (its fallback throttle), which the bench
 * measured as idle time before the graph appeared. A state update renders the graph as soon as it is here.
 */
export function LazyGraphView(props: GraphViewProps) {
  const { preview } = props;
  const [loaded, setLoaded] = useState<{ View: GraphViewComponent } | { error: string } | null>(null);
  useEffect(() => {
    if (loaded) return; // loaded, or failed: "Try again" clears it
    let live = true;
    loadGraphView().then(
      (View) => live && setLoaded({ View }),
      (e: unknown) => live && setLoaded({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [loaded]);

  if (loaded && "View" in loaded) return <loaded.View {...props} />;
  if (loaded && "error" in loaded) {
    return (
      <Banner tone="warning" title="The graph could not be loaded" testId="graph-load-error">
        The browser could not download the graph code ({loaded.error}). The data is fine: switch to the table view, or
        reload the page (a new lbpath version may have been deployed since this page was opened).{" "}
        <button type="button" className="font-semibold underline" onClick={() => setLoaded(null)}>
          Try again
        </button>
      </Banner>
    );
  }
  if (preview) {
    return (
      <div className="min-h-[400px] flex-1">
        <GraphPreviewImage preview={preview} />
      </div>
    );
  }
  return (
    <div className="flex h-[60vh] items-center justify-center">
      <Spinner showLabel label="Loading the graph…" />
    </div>
  );
}
