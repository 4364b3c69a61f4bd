/**
 * The service page's first topology request, started by an inline script at the top of the HTML while the page's
 * JavaScript is still downloading, instead of after hydration (issue 6, time to graph: it was the longest serial step).
 * The first fetchApi call for the same path takes the response over; later calls fetch normally.
 *
 * A plain `<link rel="preload" as="fetch">` is not enough: Chromium reuses a preloaded response only when the
 * request's headers and cache mode match, and this API is fetched with `Accept: application/json` and `no-store`.
 */

type EarlyWindow = { __lbpathEarly?: Record<string, Promise<Response>> };

/** The request options every topology fetch uses; the inline script must send the very same request. */
export const API_FETCH_INIT = { headers: { accept: "application/json" }, cache: "no-store" } as const satisfies RequestInit;

/** The service page's address; the script derives the topology API path from it (lib/url/paths.ts). */
export const SERVICE_PAGE = /^\/clusters\/[^/]+\/namespaces\/[^/]+\/services\/[^/]+$/;

/**
 * The inline script's source, for the root layout's <head>: there it runs before the page's async scripts, which
 * would otherwise take the main thread (compiling and running about 700 KB) before the parser reached a script
 * in the body. It reads no server data: on a service page it asks for that page's topology, on others it does
 * nothing.
 */
export function earlyFetchScript(): string {
  const init = JSON.stringify(API_FETCH_INIT);
  // The catch only silences "unhandled rejection" when nobody takes the promise; the taker sees the failure.
  return `(function(){var p=location.pathname;if(!${SERVICE_PAGE.toString()}.test(p))return;var u="/api/v1"+p+"/topology",w=window,f=fetch(u,${init});performance.mark("lbpath:early-fetch");f.catch(function(){});(w.__lbpathEarly=w.__lbpathEarly||{})[u]=f})();`;
}

/** The early response for `path`, once; null when there is none (client-side navigation, later refreshes). */
export function takeEarlyResponse(path: string): Promise<Response> | null {
  if (typeof window === "undefined") return null;
  const early = (window as EarlyWindow).__lbpathEarly;
  const p = early?.[path];
  if (!p) return null;
  delete early[path];
  return p;
}
