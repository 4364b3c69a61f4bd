/**
 * `p`'s value if it settles within `ms`, else undefined once `ms` has passed (`p` goes on running). A rejection of
 * `p` within the time propagates. For bounded waits on work that continues in the background: the shared cache's
 * first AWS read, the cluster data behind the server-drawn graph.
 */
export async function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  if (ms <= 0) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([p, new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}
