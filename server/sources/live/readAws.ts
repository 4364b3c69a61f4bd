import type * as v2 from "@/server/core/model/elbv2";
import type * as elb from "@/server/core/model/elb";
import type { SourceProblem } from "@/server/core/model/snapshot";
import type { AwsClients } from "./awsClients";
import { Gate } from "./gate";
import { ProblemLog } from "./problems";
import { readClassic } from "./readClassic";
import { readElbv2 } from "./readElbv2";

/**
 * Read the AWS half: ELBv2 and Classic in parallel, sharing one gate (at most `concurrency` calls in flight, and a
 * breaker that stops the read on throttling or when AWS is unreachable) and one problem log. Never throws: an
 * unreachable AWS gives empty lists plus a problem, and the Kubernetes half is still shown.
 */

export interface AwsHalf {
  loadBalancers: v2.LoadBalancer[];
  targetGroups: v2.TargetGroup[];
  classicLoadBalancers: elb.LoadBalancerDescription[];
  problems: SourceProblem[];
  readAt: string;
}

export interface ReadAwsOptions {
  /** Per-call deadline including the SDK's retries (default 10 s). */
  timeoutMs?: number;
  /** Calls in flight (default 4). */
  concurrency?: number;
  /** Call budget per second (default unlimited here; the shared cache sets one). */
  perSecond?: number;
}

export async function readAws(clients: AwsClients, opts: ReadAwsOptions = {}): Promise<AwsHalf> {
  const readAt = new Date().toISOString();
  const gate = new Gate(opts.concurrency ?? 4, opts.perSecond ?? Infinity);
  const log = new ProblemLog();
  const ctx = { gate, log, region: clients.region, timeoutMs: opts.timeoutMs ?? 10_000 };
  const [v2part, classic] = await Promise.all([readElbv2(clients.elbv2, ctx), readClassic(clients.elb, ctx)]);
  const stoppedBy = gate.stopped;
  const problems = log.list().map((p) =>
    stoppedBy && gate.skipped > 0 && p.code === stoppedBy.code && p.detail === stoppedBy.detail
      ? { ...p, message: `${p.message} (${gate.skipped} further calls skipped until the next refresh)` }
      : p);
  return { ...v2part, classicLoadBalancers: classic, problems, readAt };
}
