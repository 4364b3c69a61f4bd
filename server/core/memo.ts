/**
 * `fn` memoised per argument object. Snapshots are immutable (a live source hands out a new object when anything
 * changed), so the same object always gives the same answer; the entry goes when the object does (WeakMap).
 */
export function memoPerObject<K extends object, V>(fn: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key)!;
    const value = fn(key);
    cache.set(key, value);
    return value;
  };
}
