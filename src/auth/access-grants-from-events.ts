import type { AccessGrants } from './access-grants';
import type { Principal, Role } from './principal';

/** What the users module's events say about access (SessionsEnded, a user's role), as this process needs it. */
export type AccessChange =
  | { kind: 'sessions ended'; sessionIds: readonly string[]; at: number }
  | { kind: 'role'; userId: string; role: Role; at: number }
  | { kind: 'email verified'; userId: string; at: number };

/**
 * The kernel's answer to "does this token's grant still hold" in a process without the users module, kept from
 * the users module's events (fed by AccessGrantFeed): a token whose session ended is refused, and a token carries
 * its user's newest role, and stops saying "unverified" once the user verified their address. A token lives at most `tokenLifetimeMs` and an ended session never gets another one, so
 * a change is kept only that long after it happened: memory stays bounded by the rate of changes, not of users.
 * A token's own expiry (which never passes its session's absolute end) is checked when it is verified.
 */
export class AccessGrantsFromEvents implements AccessGrants {
  private readonly endedSessions = new Map<string, number>();
  private readonly roles = new Map<string, { role: Role; forgetAt: number }>();
  private readonly verified = new Map<string, number>();
  private nextPrune = 0;

  constructor(
    private readonly tokenLifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  apply(change: AccessChange): void {
    const forgetAt = change.at + this.tokenLifetimeMs;
    if (forgetAt <= this.now()) return;
    if (change.kind === 'sessions ended') {
      for (const sessionId of change.sessionIds) this.endedSessions.set(sessionId.toLowerCase(), forgetAt);
    } else if (change.kind === 'role') {
      this.roles.set(change.userId.toLowerCase(), { role: change.role, forgetAt });
    } else {
      this.verified.set(change.userId.toLowerCase(), forgetAt);
    }
  }

  async current(principal: Principal): Promise<Principal | undefined> {
    this.prune();
    // Every token the users module issues names its session; one that names none was not issued there.
    if (!principal.sessionId || this.endedSessions.has(principal.sessionId.toLowerCase())) return undefined;
    const user = principal.userId.toLowerCase();
    const role = this.roles.get(user)?.role ?? principal.role;
    const { unverified: _stated, ...rest } = principal;
    return { ...rest, role, ...(principal.unverified && !this.verified.has(user) ? { unverified: true as const } : {}) };
  }

  /** How many changes are kept (for tests and metrics). */
  get size(): number {
    return this.endedSessions.size + this.roles.size + this.verified.size;
  }

  private prune(): void {
    const now = this.now();
    if (now < this.nextPrune) return;
    this.nextPrune = now + 1000;
    for (const [id, forgetAt] of this.endedSessions) if (forgetAt <= now) this.endedSessions.delete(id);
    for (const [id, entry] of this.roles) if (entry.forgetAt <= now) this.roles.delete(id);
    for (const [id, forgetAt] of this.verified) if (forgetAt <= now) this.verified.delete(id);
  }
}
