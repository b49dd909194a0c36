import { passwordProblems } from '../domain/password-policy';

describe('the password policy', () => {
  it('accepts 8 to 128 characters', () => {
    expect(passwordProblems('12345678')).toEqual([]);
    expect(passwordProblems('x'.repeat(128))).toEqual([]);
  });

  it('rejects shorter and longer passwords, naming the field', () => {
    expect(passwordProblems('1234567')).toEqual([{ field: 'password', message: 'must be at least 8 characters' }]);
    expect(passwordProblems('x'.repeat(129), { field: 'newPassword' })).toEqual([
      { field: 'newPassword', message: 'must be at most 128 characters' },
    ]);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblems('🔑🔑🔑🔑🔑🔑🔑')).toHaveLength(1);
    expect(passwordProblems('🔑'.repeat(128))).toEqual([]);
  });

  it('rejects whitespace-only passwords and the email address itself', () => {
    expect(passwordProblems('          ')).toEqual([{ field: 'password', message: 'must not be only whitespace' }]);
    expect(passwordProblems('Ada@Example.com', { email: 'ada@example.com' })).toEqual([
      { field: 'password', message: 'must not be the email address' },
    ]);
  });
});
