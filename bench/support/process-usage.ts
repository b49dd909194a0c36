import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) a process has used so far; with `withChildren`, also its live children's and those of
 * children that ended (a Postgres backend whose connection closed), which the kernel adds to the parent once reaped.
 */
export function cpuSeconds(pid: number, withChildren = false): number {
  if (!withChildren) return ownCpuSeconds(pid);
  return ownCpuSeconds(pid, true) + childrenOf(pid).reduce((sum, p) => sum + ownCpuSeconds(p), 0);
}

export function rssMegabytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

function ownCpuSeconds(pid: number, withEndedChildren = false): number {
  try {
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ended = withEndedChildren ? Number(fields[13]) + Number(fields[14]) : 0;
    return (Number(fields[11]) + Number(fields[12]) + ended) / TICKS_PER_SECOND;
  } catch {
    return 0; // the process ended (a Postgres backend that closed, say)
  }
}

function childrenOf(parent: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/** The CPU used by named processes between two readings, as a share of one core. */
export class CpuMeter {
  private start = new Map<string, number>();
  private startedAt = 0;

  constructor(private readonly processes: ReadonlyArray<{ name: string; pid: number; withChildren?: boolean }>) {}

  begin(): void {
    this.startedAt = performance.now();
    this.start = new Map(this.processes.map((p) => [p.name, cpuSeconds(p.pid, p.withChildren)]));
  }

  /** Percent of one core per process since `begin` (with children: ended ones too). */
  end(): Record<string, number> {
    const seconds = (performance.now() - this.startedAt) / 1000;
    return Object.fromEntries(
      this.processes.map((p) => [p.name, (100 * (cpuSeconds(p.pid, p.withChildren) - (this.start.get(p.name) ?? 0))) / seconds]),
    );
  }
}
