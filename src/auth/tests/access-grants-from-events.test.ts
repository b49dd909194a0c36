import { AccessGrantsFromEvents } from '../access-grants-from-events';

describe('access grants kept from the users module’s events', () => {
  const lifetimeMs = 15 * 60_000;
  let now = Date.parse('2026-12-05T12:00:00Z');
  const grants = () => new AccessGrantsFromEvents(lifetimeMs, () => now);
  const principal = { userId: 'U-1', role: 'admin' as const, sessionId: 'S-1' };

  it('holds a token whose session has not ended, with the role it carries', async () => {
    expect(await grants().current(principal)).toEqual(principal);
  });

  it('refuses a token without a session: the users module issues none', async () => {
    expect(await grants().current({ userId: 'u-1', role: 'customer' })).toBeUndefined();
  });

  it('refuses a token of an ended session, whatever the case of its id', async () => {
    const g = grants();
    g.apply({ kind: 'sessions ended', sessionIds: ['s-1', 's-2'], at: now });
    expect(await g.current(principal)).toBeUndefined();
    expect(await g.current({ ...principal, sessionId: 's-3' })).toBeDefined();
  });

  it('gives a token its user’s newest role', async () => {
    const g = grants();
    g.apply({ kind: 'role', userId: 'u-1', role: 'customer', at: now });
    expect((await g.current(principal))?.role).toBe('customer');
  });

  it('keeps a token "unverified" until its user verified their address', async () => {
    const g = grants();
    const unverified = { ...principal, unverified: true as const };
    expect(await g.current(unverified)).toEqual(unverified);
    g.apply({ kind: 'email verified', userId: 'u-1', at: now });
    expect(await g.current(unverified)).toEqual(principal);
  });

  it('forgets a change once every token it concerns has expired', async () => {
    const g = grants();
    g.apply({ kind: 'sessions ended', sessionIds: ['s-1'], at: now });
    g.apply({ kind: 'role', userId: 'u-1', role: 'customer', at: now });
    g.apply({ kind: 'sessions ended', sessionIds: ['s-9'], at: now - lifetimeMs - 1 });
    expect(g.size).toBe(2);
    now += lifetimeMs + 1;
    await g.current({ ...principal, sessionId: 's-5' });
    expect(g.size).toBe(0);
  });
});
