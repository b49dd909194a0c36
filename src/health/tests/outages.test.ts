import { Writable } from 'node:stream';
import pino from 'pino';
import { Backoff, Outages } from '../outages';

function recordingLogger() {
  const lines: Array<{ level: number; msg: string; dependency?: string; downForMs?: number }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('outages', () => {
  it('logs one line when a dependency goes and one when it returns, however many failures came between', () => {
    const { logger, lines } = recordingLogger();
    const outages = new Outages(logger);
    for (let i = 0; i < 50; i += 1) expect(outages.failed(refused)).toBe('postgres');
    expect(outages.isDown('postgres')).toBe(true);
    outages.succeeded('postgres');
    outages.succeeded('postgres');
    expect(outages.isDown('postgres')).toBe(false);
    expect(lines.map((l) => [l.level, l.dependency, l.msg])).toEqual([
      [40, 'postgres', 'postgres is unavailable; work that needs it pauses and retries until it returns'],
      [30, 'postgres', 'postgres is back'],
    ]);
    expect(lines[1].downForMs).toBeGreaterThanOrEqual(0);
  });

  it('leaves other failures to the caller and logs nothing for them', () => {
    const { logger, lines } = recordingLogger();
    const outages = new Outages(logger);
    expect(outages.failed(new TypeError('a bug'))).toBeUndefined();
    outages.succeeded('kafka');
    expect(lines).toEqual([]);
  });

  it('backs off by doubling up to its cap, and starts again after a success', () => {
    const backoff = new Backoff(500, 5000);
    expect([1, 2, 3, 4, 5, 6].map(() => backoff.delay())).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    backoff.reset();
    expect(backoff.delay()).toBe(500);
  });
});
