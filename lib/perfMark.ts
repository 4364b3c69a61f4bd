/**
 * A User Timing mark (`performance.mark`), for the steps of the service page's first load: `npm run bench`
 * (bench/measure/browser.ts) reads them to split the time to graph into its parts. Free when nobody looks.
 */
export function perfMark(name: `lbpath:${string}`): void {
  if (typeof performance !== "undefined" && typeof performance.mark === "function") performance.mark(name);
}
