/**
 * "As of" links: `asOf=<ISO time>&digest=<digest>` pins the moment a link describes (issue 4, Sharing).
 * The time is the data's capture time (`age.capturedAt`), not the click time: that is the moment the sender saw.
 */
export interface AsOf {
  asOf: string;
  digest: string;
}

interface ParamsLike {
  get(name: string): string | null;
}

const DIGEST = /^[0-9a-f]{6,16}$/;

/** Reads asOf/digest from a query; null unless both are present and well-formed (a bad link shows no note). */
export function parseAsOf(params: ParamsLike): AsOf | null {
  const asOf = params.get("asOf");
  const digest = params.get("digest");
  if (!asOf || !digest || !DIGEST.test(digest)) return null;
  const t = Date.parse(asOf);
  if (Number.isNaN(t)) return null;
  return { asOf: new Date(t).toISOString(), digest };
}

/** Adds (or replaces) asOf/digest on a URL, keeping every other parameter. */
export function withAsOf(url: string, pin: AsOf): string {
  const u = new URL(url, "http://placeholder.invalid");
  u.searchParams.set("asOf", pin.asOf);
  u.searchParams.set("digest", pin.digest);
  return isAbsolute(url) ? u.toString() : `${u.pathname}${u.search}${u.hash}`;
}

/** Removes asOf/digest (for the live view's own "copy link", which should not claim an old moment). */
export function withoutAsOf(url: string): string {
  const u = new URL(url, "http://placeholder.invalid");
  u.searchParams.delete("asOf");
  u.searchParams.delete("digest");
  return isAbsolute(url) ? u.toString() : `${u.pathname}${u.search}${u.hash}`;
}

export interface AsOfComparison {
  /** Milliseconds from the link's moment to the live data's capture time (negative: the link is newer). */
  deltaMs: number;
  /** The live state's digest differs from the link's. */
  changed: boolean;
}

export function compareAsOf(link: AsOf, live: { capturedAt: string; digest: string }): AsOfComparison {
  return { deltaMs: Date.parse(live.capturedAt) - Date.parse(link.asOf), changed: live.digest !== link.digest };
}

function isAbsolute(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url);
}
