import { emailProblems, normalizeEmail } from '../domain/email';
import { checkAddress, checkName, checkPhone, sameAddress } from '../domain/profile';

describe('profile validation', () => {
  it('normalises emails and rejects malformed ones', () => {
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com');
    expect(emailProblems('ada@example.com')).toEqual([]);
    for (const bad of ['', 'ada', 'ada@', '@example.com', 'ada@example', 'a da@example.com', 'ada@@example.com', 'a,victim@example.com', 'a;b@example.com']) {
      expect(emailProblems(bad)).toHaveLength(1);
    }
  });

  it('collapses whitespace in names and bounds their length', () => {
    expect(checkName('  Ada   Lovelace ')).toEqual({ value: 'Ada Lovelace', problems: [] });
    expect(checkName('   ').problems).toEqual([{ field: 'name', message: 'is required' }]);
    expect(checkName('x'.repeat(101)).problems).toHaveLength(1);
  });

  it('refuses names with control or text-direction characters, and keeps other scripts', () => {
    for (const bad of ['Ada\u0000', 'Ada\u0007Lovelace', 'Ada\u202Eecalevol', 'Ada\u2066x\u2069', 'Ada\u200F', 'Ada\u007F']) {
      expect(checkName(bad).problems).toEqual([{ field: 'name', message: 'must not contain control or text-direction characters' }]);
    }
    for (const good of ['Zoë Ødegård', 'محمد علي', '李小龙', 'Ada\tLovelace']) expect(checkName(good).problems).toEqual([]);
  });

  it('stores phone numbers as E.164', () => {
    expect(checkPhone('+49 (151) 1234-5678')).toEqual({ value: '+4915112345678', problems: [] });
    expect(checkPhone('015112345678').problems).toHaveLength(1);
    expect(checkPhone('+12').problems).toHaveLength(1);
  });

  it('normalises addresses and accepts only assigned ISO 3166-1 alpha-2 countries', () => {
    const checked = checkAddress({ line1: ' Main St 1 ', line2: ' ', city: 'Springfield', postalCode: 'sw1a 1aa', country: 'gb' });
    expect(checked).toEqual({ value: { line1: 'Main St 1', city: 'Springfield', postalCode: 'SW1A 1AA', country: 'GB' }, problems: [] });
    for (const country of ['XX', 'UK', 'EU', 'ZZ', 'DEU', '']) {
      const fields = checkAddress({ line1: 'a', city: 'b', postalCode: '1', country }).problems.map((p) => p.field);
      expect(fields).toEqual(['defaultShippingAddress.country']);
    }
  });

  it('compares addresses treating a missing second line as empty', () => {
    const a = { line1: 'a', city: 'b', postalCode: '1', country: 'DE' };
    expect(sameAddress(a, { ...a, line2: '' })).toBe(true);
    expect(sameAddress(a, { ...a, city: 'c' })).toBe(false);
    expect(sameAddress(null, null)).toBe(true);
    expect(sameAddress(a, null)).toBe(false);
  });
});
