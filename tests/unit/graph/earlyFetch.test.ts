import { afterEach, describe, expect, it } from "vitest";
import { API_FETCH_INIT, earlyFetchScript, takeEarlyResponse } from "@/lib/query/earlyFetch";
import { topologyApiPath } from "@/lib/url/paths";

type Win = { __lbpathEarly?: Record<string, Promise<Response>> };

/** Runs the inline script as a browser would, with this location and a recording fetch. */
function runScript(pathname: string) {
  const calls: { url: string; init: unknown }[] = [];
  const win: Win = {};
  const fetch = (url: string, init: unknown) => {
    calls.push({ url, init });
    return Promise.resolve(new Response("{}"));
  };
  const performance = { mark: () => undefined };
  new Function("window", "location", "fetch", "performance", earlyFetchScript())(win, { pathname }, fetch, performance);
  return { calls, win };
}

describe("the early topology fetch (inline script in the HTML head)", () => {
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  it("on a service page, asks for exactly the path the page's fetchApi will ask for, with the same options", () => {
    const svc = { cluster: "arn:aws:eks:us-east-1:123456789012:cluster/prod", namespace: "shop", name: "web" };
    const page = `/clusters/${encodeURIComponent(svc.cluster)}/namespaces/shop/services/web`;
    const { calls, win } = runScript(page);
    expect(calls).toEqual([{ url: topologyApiPath(svc), init: API_FETCH_INIT }]);
    expect(Object.keys(win.__lbpathEarly!)).toEqual([topologyApiPath(svc)]);
  });
  it("does nothing on other pages", () => {
    for (const p of ["/", "/triage", "/findings", "/login", "/clusters/c/namespaces/n/services", "/clusters/c/namespaces/n/services/a/b"]) {
      const { calls, win } = runScript(p);
      expect(calls, p).toEqual([]);
      expect(win.__lbpathEarly, p).toBeUndefined();
    }
  });
  it("hands the response over once: later calls fetch for themselves", async () => {
    const { win } = runScript("/clusters/c/namespaces/n/services/s");
    (globalThis as { window?: unknown }).window = win;
    const path = topologyApiPath({ cluster: "c", namespace: "n", name: "s" });
    expect(takeEarlyResponse("/api/v1/clusters/c/namespaces/n/services/other/topology")).toBeNull();
    const first = takeEarlyResponse(path);
    expect(first).not.toBeNull();
    expect((await first!).status).toBe(200);
    expect(takeEarlyResponse(path)).toBeNull();
  });
});
