import { Gate, SkippedCall } from "./gate";
import { ProblemLog, awsProblem, isAwsDown } from "./problems";

/** Shared state of one AWS read: the gate (concurrency + breaker), the problem log and the timeouts. */
export interface AwsReadContext {
  gate: Gate;
  log: ProblemLog;
  region?: string;
  /** Per call, including the SDK's retries. Paginated listings get `listTimeoutFactor` × this. */
  timeoutMs: number;
  /** Shared by the reads of one region (the AWS cache): when AWS last answered Throttling. */
  throttle?: { lastAt?: number };
}

export const LIST_TIMEOUT_FACTOR = 3;

/** How long a Throttling answer explains later time-outs (the SDK's adaptive rate limiter recovers slowly). */
const THROTTLE_MEMORY_MS = 60_000;

/** Ran out of time (our deadline), as opposed to a refused or reset connection (which the SDK also names TimeoutError). */
function isTimeout(e: unknown): boolean {
  const { name, code } = (e ?? {}) as { name?: string; code?: unknown };
  return (name === "TimeoutError" || name === "AbortError") && typeof code !== "string";
}

/**
 * Run one AWS operation through the gate with a deadline. A failure becomes a problem (folded per action, naming
 * the affected resource) and `undefined`, so the rest of the read goes on. Throttling or an unreachable /
 * unauthenticated AWS stops the gate: the remaining calls of this read are skipped, not sent.
 */
export async function awsCall<T>(
  ctx: AwsReadContext, action: string, subject: string | undefined,
  fn: (opts: { abortSignal: AbortSignal }) => Promise<T>, timeoutFactor = 1,
): Promise<T | undefined> {
  const timeoutMs = ctx.timeoutMs * timeoutFactor;
  try {
    return await ctx.gate.run(() => fn({ abortSignal: AbortSignal.timeout(timeoutMs) }));
  } catch (e) {
    if (e instanceof SkippedCall) return undefined;
    let problem = awsProblem(e, action, { region: ctx.region, timeoutMs });
    const now = Date.now();
    if (problem.code === "AWS_THROTTLED" && ctx.throttle) ctx.throttle.lastAt = now;
    if (problem.code === "AWS_UNREACHABLE" && isTimeout(e)) {
      // A call that ran out of time while AWS is throttling us was waiting in the SDK's (adaptive) backoff: a
      // casualty of the throttling, not an unreachable AWS. Within this read it is counted with the throttle;
      // in a later read (the throttle answer came earlier) it is reported as throttling.
      if (ctx.gate.stopped?.code === "AWS_THROTTLED") { ctx.gate.countSkipped(); return undefined; }
      const last = ctx.throttle?.lastAt;
      if (last !== undefined && now - last < Math.max(THROTTLE_MEMORY_MS, 3 * timeoutMs)) {
        problem = awsProblem({ name: "Throttling", message: `still backing off after a Throttling answer ${Math.round((now - last) / 1000)} s ago; the call ran out of its ${timeoutMs / 1000} s` }, action, { region: ctx.region });
      }
    }
    if (problem.code === "AWS_THROTTLED" || isAwsDown(problem)) ctx.gate.stop(problem);
    ctx.log.add(problem, subject);
    return undefined;
  }
}

export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The short name at the end of an ARN, for problem messages ("net/k8s-shop-web/50dc…"). */
export function shortArn(arn: string): string {
  const i = arn.indexOf("/");
  return i >= 0 ? arn.slice(i + 1) : arn;
}
