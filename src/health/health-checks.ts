/** Named probes of what the process depends on; readiness requires all of them to answer. */
export type HealthChecks = Record<string, () => Promise<void>>;

export interface ReadinessReport {
  status: 'ready' | 'unavailable';
  checks: Record<string, { status: 'up' | 'down'; error?: string }>;
}

/**
 * Runs every probe. The report says which dependency is down, never its raw error text (host names, ports and
 * driver messages are for operators, not for whoever can reach the endpoint): that goes to `onFailure`.
 */
export async function runChecks(
  checks: HealthChecks,
  onFailure: (name: string, error: unknown) => void,
  timeoutMs = 3000,
): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await withTimeout(check(), timeoutMs, name);
        return [name, { status: 'up' as const }] as const;
      } catch (error) {
        onFailure(name, error);
        return [name, { status: 'down' as const, error: `${name} is not answering` }] as const;
      }
    }),
  );
  const report: ReadinessReport['checks'] = Object.fromEntries(entries);
  const ready = Object.values(report).every((r) => r.status === 'up');
  return { status: ready ? 'ready' : 'unavailable', checks: report };
}

/**
 * Readiness as callers see it: one run of the checks answers every request within `cacheMs` of its start (the
 * same promise while it runs), so a flood of probes costs the dependencies one round of checks a second.
 */
export class CachedReadiness {
  private last?: { startedAt: number; report: Promise<ReadinessReport> };

  constructor(
    private readonly checks: HealthChecks,
    private readonly onFailure: (name: string, error: unknown) => void,
    private readonly cacheMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  report(): Promise<ReadinessReport> {
    const now = this.now();
    if (!this.last || now - this.last.startedAt >= this.cacheMs) {
      this.last = { startedAt: now, report: runChecks(this.checks, this.onFailure) };
    }
    return this.last.report;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
