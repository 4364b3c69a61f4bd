import type * as v2 from "@/server/core/model/elbv2";
import type * as elb from "@/server/core/model/elb";
import type { SourceProblem } from "@/server/core/model/snapshot";
import type { AwsClients } from "./awsClients";
import type { AwsReadContext } from "./awsCall";
import { assembleAws } from "./assembleAws";
import { fetchHealth, fetchStructure, fetchTags, structureArns } from "./awsStages";
import { Gate, type RateBudget } from "./gate";
import { ProblemLog } from "./problems";

/**
 * One full AWS read (the polling reader): structure, then tags and health in parallel, all through one gate
 * (at most `concurrency` calls in flight, and a breaker that stops the read on throttling or when AWS is
 * unreachable). Never throws: an unreachable AWS gives empty lists plus a problem, and the Kubernetes half is
 * still shown.
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
  /** Shared call budget (the shared cache sets one). */
  budget?: RateBudget;
  /** Throttling memory shared across reads (the shared cache sets one; see awsCall). */
  throttle?: { lastAt?: number };
}

export function newAwsContext(region: string | undefined, opts: ReadAwsOptions): AwsReadContext {
  return { gate: new Gate(opts.concurrency ?? 4, opts.budget), log: new ProblemLog(), region, timeoutMs: opts.timeoutMs ?? 10_000, throttle: opts.throttle };
}

/** The context's problems, with the breaker's count of skipped calls added to the problem that tripped it. */
export function contextProblems(ctx: AwsReadContext): SourceProblem[] {
  const stoppedBy = ctx.gate.stopped;
  return ctx.log.list().map((p) =>
    stoppedBy && ctx.gate.skipped > 0 && p.code === stoppedBy.code && p.detail === stoppedBy.detail
      ? { ...p, message: `${p.message} (${ctx.gate.skipped} further calls skipped until the next refresh)` }
      : p);
}

export async function readAws(clients: AwsClients, opts: ReadAwsOptions = {}): Promise<AwsHalf> {
  const readAt = new Date().toISOString();
  const ctx = newAwsContext(clients.region, opts);
  const structure = await fetchStructure(clients, ctx);
  const { arns, targetGroupArns, classicNames } = structureArns(structure);
  const [tags, health] = await Promise.all([
    fetchTags(clients, ctx, arns, classicNames),
    fetchHealth(clients, ctx, targetGroupArns, classicNames),
  ]);
  return { ...assembleAws(structure, tags, health), problems: contextProblems(ctx), readAt };
}
