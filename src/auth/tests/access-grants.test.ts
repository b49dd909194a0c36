import { CachedAccessGrants, type AccessGrants } from '../access-grants';
import type { Principal } from '../principal';

describe('cached access grants', () => {
  const alice: Principal = { userId: 'u-1', role: 'admin', sessionId: 's-1' };

  it('ask the source once per session and cache lifetime, and again once it has passed', async () => {
    let clock = 0;
    let role: Principal['role'] = 'admin';
    let asked = 0;
    const source: AccessGrants = {
      current: async (p) => {
        asked += 1;
        return { ...p, role };
      },
    };
    const grants = new CachedAccessGrants(source, 500, () => clock);

    expect(await grants.current(alice)).toMatchObject({ role: 'admin' });
    role = 'customer';
    clock = 499;
    expect(await grants.current(alice)).toMatchObject({ role: 'admin' });
    clock = 500;
    expect(await grants.current(alice)).toMatchObject({ role: 'customer' });
    expect(asked).toBe(2);
  });

  it('remember an ended grant for as long, and keep sessions apart', async () => {
    const ended = new Set(['s-1']);
    const grants = new CachedAccessGrants({ current: async (p) => (ended.has(p.sessionId!) ? undefined : p) }, 500, () => 0);
    expect(await grants.current(alice)).toBeUndefined();
    expect(await grants.current({ ...alice, sessionId: 's-2' })).toMatchObject({ sessionId: 's-2' });
  });
});
