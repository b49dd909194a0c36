import { CachedReadiness } from '../health-checks';

describe('readiness', () => {
  it('runs the checks once for every probe within a second, and again after it', async () => {
    let runs = 0;
    let clock = 0;
    const readiness = new CachedReadiness({ postgres: async () => void (runs += 1) }, () => {}, 1000, () => clock);

    const reports = await Promise.all(Array.from({ length: 100 }, () => readiness.report()));
    expect(runs).toBe(1);
    expect(reports.every((report) => report.status === 'ready')).toBe(true);

    clock = 999;
    await readiness.report();
    expect(runs).toBe(1);
    clock = 1000;
    await readiness.report();
    expect(runs).toBe(2);
  });

  it('reports a dependency that stopped answering once the cached report has aged', async () => {
    let up = true;
    let clock = 0;
    const readiness = new CachedReadiness(
      { kafka: async () => { if (!up) throw new Error('gone'); } },
      () => {},
      1000,
      () => clock,
    );
    expect((await readiness.report()).status).toBe('ready');
    up = false;
    clock = 1500;
    expect(await readiness.report()).toEqual({ status: 'unavailable', checks: { kafka: { status: 'down', error: 'kafka is not answering' } } });
  });
});
