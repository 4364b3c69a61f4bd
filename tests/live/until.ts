/** Poll `fn` until `ok` (or the deadline), returning the last value: assertions follow on what it returned. */
export async function until<T>(fn: () => Promise<T> | T, ok: (t: T) => boolean, ms = 10_000, every = 25): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, every));
  }
}
