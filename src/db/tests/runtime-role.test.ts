import { createLogger } from '../../logging/logger';
import { refuseSuperuserAtRuntime, SuperuserAtRuntimeError } from '../runtime-role';

describe('the database role a process runs as', () => {
  const logger = createLogger({ level: 'silent', name: 'test' });

  it('refuses a superuser in production, and only warns elsewhere', async () => {
    const superuser = async () => ({ name: 'postgres', superuser: true });
    await expect(refuseSuperuserAtRuntime('the orders module', superuser, { production: true, logger })).rejects.toBeInstanceOf(SuperuserAtRuntimeError);
    await expect(refuseSuperuserAtRuntime('the orders module', superuser, { production: false, logger })).resolves.toBeUndefined();
  });

  it('lets a role of its own through, and starts when the database cannot be asked', async () => {
    await expect(refuseSuperuserAtRuntime('the relay', async () => ({ name: 'mart_relay', superuser: false }), { production: true, logger })).resolves.toBeUndefined();
    const away = async () => Promise.reject(new Error('connect ECONNREFUSED'));
    await expect(refuseSuperuserAtRuntime('the relay', away, { production: true, logger })).resolves.toBeUndefined();
  });
});
