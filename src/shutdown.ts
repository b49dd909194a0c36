import type { Logger } from './logging/logger';

/** Stops gracefully on SIGTERM/SIGINT; a second signal or a stuck stop forces the exit. */
export function onShutdownSignal(logger: Logger, stop: () => Promise<unknown>, graceMs = 15_000): void {
  let shuttingDown = false;
  const handler = (signal: NodeJS.Signals) => {
    if (shuttingDown) process.exit(1);
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, graceMs);
    force.unref();
    stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}

export interface ShutdownStep {
  name: string;
  stop: () => Promise<unknown>;
}

/**
 * Runs shutdown steps in order, giving each at most `timeoutMs`: a step that fails or hangs (a consumer
 * stuck in a rebalance, a connection that never comes) is logged by name and the next one still runs, so
 * pools and sockets are released and the process can end. Returns the names of the steps that did not finish.
 */
export async function runShutdownSteps(logger: Logger, steps: readonly ShutdownStep[], timeoutMs = 10_000): Promise<string[]> {
  const unfinished: string[] = [];
  for (const step of steps) {
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      step.stop().then(
        () => 'done' as const,
        (error: unknown) => {
          logger.error({ err: error, step: step.name }, 'shutdown step failed');
          return 'failed' as const;
        },
      ),
      new Promise<'timed out'>((resolve) => {
        timer = setTimeout(() => resolve('timed out'), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (outcome === 'timed out') logger.error({ step: step.name, timeoutMs }, 'shutdown step did not finish in time; going on');
    if (outcome !== 'done') unfinished.push(step.name);
  }
  return unfinished;
}
