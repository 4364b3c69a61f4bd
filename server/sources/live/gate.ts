import type { SourceProblem } from "@/server/core/model/snapshot";

/** A call the gate refused because an earlier call hit throttling or found AWS unreachable. */
export class SkippedCall extends Error {
  constructor(readonly reason: SourceProblem) {
    super(`skipped: ${reason.code}`);
    this.name = "SkippedCall";
  }
}

/**
 * A call budget shared by every read of one AWS region (LBPATH_AWS_CALLS_PER_SECOND): at most `perSecond` calls
 * start in any one-second window, whoever asks. Protects the account's ELB API rate, which other tools share.
 */
export class RateBudget {
  private readonly starts: number[] = [];
  constructor(readonly perSecond: number, private readonly now: () => number = Date.now) {}

  async take(): Promise<void> {
    for (;;) {
      const t = this.now();
      while (this.starts.length && this.starts[0] <= t - 1000) this.starts.shift();
      if (this.starts.length < this.perSecond) { this.starts.push(t); return; }
      await new Promise((r) => setTimeout(r, this.starts[0] + 1000 - t));
    }
  }
}

/**
 * Bounded concurrency for one read's upstream calls (at most `concurrency` in flight), with a circuit breaker:
 * once stopped (throttled, credentials gone, endpoint unreachable) every queued and later call is skipped instead
 * of sent, so one bad refresh never becomes a retry storm. An optional shared RateBudget paces the calls.
 */
export class Gate {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private stoppedBy?: SourceProblem;
  private skippedCount = 0;

  constructor(private readonly concurrency = 4, private readonly budget?: RateBudget) {}

  get stopped(): SourceProblem | undefined {
    return this.stoppedBy;
  }

  get skipped(): number {
    return this.skippedCount;
  }

  stop(reason: SourceProblem): void {
    this.stoppedBy ??= reason;
  }

  /** A call that was sent but whose outcome is put down to the stop (see awsCall). */
  countSkipped(): void {
    this.skippedCount++;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.stoppedBy) { this.skippedCount++; throw new SkippedCall(this.stoppedBy); }
    if (this.active >= this.concurrency) await new Promise<void>((r) => this.queue.push(r));
    else this.active++;
    try {
      if (!this.stoppedBy && this.budget) await this.budget.take();
      if (this.stoppedBy) { this.skippedCount++; throw new SkippedCall(this.stoppedBy); }
      return await fn();
    } finally {
      const next = this.queue.shift();
      if (next) next(); else this.active--;
    }
  }
}

/** A Gate that counts its calls into the cache's totals, so the first cycle can say how far it is. */
export class CountingGate extends Gate {
  constructor(concurrency: number, budget: RateBudget, private readonly count: { asked: number; finished: number }) {
    super(concurrency, budget);
  }

  override run<T>(fn: () => Promise<T>): Promise<T> {
    this.count.asked++;
    return super.run(fn).finally(() => { this.count.finished++; });
  }
}
