import { assertAnAdminRemains } from '../domain/role-change';

describe('the last admin rule', () => {
  it('refuses to demote the only admin', () => {
    expect(() => assertAnAdminRemains('admin', 'customer', 1)).toThrow(expect.objectContaining({ code: 'USERS.LAST_ADMIN' }));
  });

  it('allows demotion while another admin remains, and every other change', () => {
    expect(() => assertAnAdminRemains('admin', 'customer', 2)).not.toThrow();
    expect(() => assertAnAdminRemains('customer', 'admin', 0)).not.toThrow();
    expect(() => assertAnAdminRemains('admin', 'admin', 1)).not.toThrow();
  });
});
