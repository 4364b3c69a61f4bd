import { readFileSync } from "node:fs";

/**
 * Summarise a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per file, top N.
 * Usage: npx tsx bench/tools/cpuprofile.ts <file.cpuprofile> [top=25] [filter substring] [skip ms]
 */
interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number }; hitCount?: number; children?: number[] }
interface Profile { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

/** `skipMs`: ignore samples in the first ms of the profile (start-up, loading), to see the steady state. */
export function summarizeProfile(p: Profile, top = 25, filter?: string, skipMs = 0): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = 0;
  p.samples.forEach((id, i) => {
    at += p.timeDeltas[i] ?? 0;
    if (at >= skipMs * 1000) self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const url = n.callFrame.url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
    if (filter && !url.includes(filter)) continue;
    total += us;
    const key = `${n.callFrame.functionName || "(anonymous)"}  ${url}:${n.callFrame.lineNumber + 1}:${(n.callFrame.columnNumber ?? 0) + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const f = url || n.callFrame.functionName;
    file.set(f, (file.get(f) ?? 0) + us);
  }
  const fmt = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`).join("\n");
  return `total sampled ${(total / 1000).toFixed(0)} ms\n-- self time by function --\n${fmt(fn)}\n-- self time by file --\n${fmt(file)}`;
}

if (process.argv[1]?.endsWith("cpuprofile.ts")) {
  const [path, top, filter, skip] = process.argv.slice(2);
  if (!path) throw new Error("usage: cpuprofile.ts <file.cpuprofile> [top] [filter]");
  console.log(summarizeProfile(JSON.parse(readFileSync(path, "utf8")) as Profile, Number(top ?? 25), filter || undefined, Number(skip ?? 0)));
}
