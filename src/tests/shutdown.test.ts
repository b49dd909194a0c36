import { createLogger } from '../logging/logger';
import { runShutdownSteps } from '../shutdown';

const logger = createLogger({ level: 'silent', name: 'test' });

describe('runShutdownSteps', () => {
  it('runs every step in order and reports none unfinished when all finish', async () => {
    const ran: string[] = [];
    const step = (name: string) => ({ name, stop: async () => void ran.push(name) });

    const unfinished = await runShutdownSteps(logger, [step('http'), step('consumers'), step('pools')], 1000);

    expect(ran).toEqual(['http', 'consumers', 'pools']);
    expect(unfinished).toEqual([]);
  });

  it('gives up on a step that hangs, names it, and still runs the steps after it', async () => {
    const ran: string[] = [];
    const hanging = { name: 'consumers', stop: () => new Promise<void>(() => undefined) };
    const pools = { name: 'pools', stop: async () => void ran.push('pools') };

    const started = Date.now();
    const unfinished = await runShutdownSteps(logger, [hanging, pools], 50);

    expect(unfinished).toEqual(['consumers']);
    expect(ran).toEqual(['pools']);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('names a step that fails and goes on', async () => {
    const ran: string[] = [];
    const failing = { name: 'kafka admin', stop: () => Promise.reject(new Error('broker gone')) };
    const pools = { name: 'pools', stop: async () => void ran.push('pools') };

    expect(await runShutdownSteps(logger, [failing, pools], 1000)).toEqual(['kafka admin']);
    expect(ran).toEqual(['pools']);
  });
});
