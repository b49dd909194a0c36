import type { Principal } from './principal';

/**
 * Whether what an access token grants still holds: its session is live and its user exists, with the role they
 * have now. The users module answers it; the kernel's authentication asks on every request, so that logout,
 * a password change, a revoked session or a changed role end or narrow access within the cache's lifetime,
 * not when the token expires.
 */
export interface AccessGrants {
  /** The principal as it holds now, or undefined when the grant has ended. */
  current(principal: Principal): Promise<Principal | undefined>;
}

const MAX_ENTRIES = 10_000;

/** Remembers each answer for `ttlMs`, so a burst of requests on one session costs one look-up. */
export class CachedAccessGrants implements AccessGrants {
  private readonly answers = new Map<string, { at: number; principal: Principal | undefined }>();

  constructor(
    private readonly source: AccessGrants,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async current(principal: Principal): Promise<Principal | undefined> {
    const key = `${principal.userId}/${principal.sessionId ?? ''}`;
    const cached = this.answers.get(key);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.principal;
    const answer = await this.source.current(principal);
    this.remember(key, answer);
    return answer;
  }

  private remember(key: string, principal: Principal | undefined): void {
    if (this.answers.size >= MAX_ENTRIES) {
      const cutoff = this.now() - this.ttlMs;
      for (const [k, v] of this.answers) if (v.at <= cutoff) this.answers.delete(k);
      if (this.answers.size >= MAX_ENTRIES) this.answers.clear();
    }
    this.answers.set(key, { at: this.now(), principal });
  }
}
