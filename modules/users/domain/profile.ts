import type { FieldProblem } from '../../../src/errors/domain-error';
import { COUNTRY_CODES } from './country-codes';

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

export const NAME_MAX_LENGTH = 100;
const ADDRESS_LINE_MAX_LENGTH = 200;
const CITY_MAX_LENGTH = 100;
const POSTAL_CODE_SHAPE = /^[A-Z0-9][A-Z0-9 -]{0,14}[A-Z0-9]$|^[A-Z0-9]$/;
const E164 = /^\+[1-9]\d{6,14}$/;
// People type phone numbers with spaces, dashes, dots and parentheses; we store E.164.
const PHONE_PUNCTUATION = /[\s().-]/g;

// Control characters, and the marks that reorder text (bidirectional overrides, embeddings, isolates): in a name
// they make an email or an admin screen show something else than what was typed.
const HIDDEN_OR_REORDERING = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

export type Checked<T> = { value: T; problems: FieldProblem[] };

export function checkName(name: string, field = 'name'): Checked<string> {
  const value = name.trim().replace(/\s+/g, ' ');
  if (value.length === 0) return { value, problems: [{ field, message: 'is required' }] };
  if (value.length > NAME_MAX_LENGTH) return { value, problems: [{ field, message: `must be at most ${NAME_MAX_LENGTH} characters` }] };
  if (HIDDEN_OR_REORDERING.test(value)) return { value, problems: [{ field, message: 'must not contain control or text-direction characters' }] };
  return { value, problems: [] };
}

export function checkPhone(phone: string, field = 'phone'): Checked<string> {
  const value = phone.trim().replace(PHONE_PUNCTUATION, '');
  if (!E164.test(value)) {
    return { value, problems: [{ field, message: 'must be an international number such as +4915112345678' }] };
  }
  return { value, problems: [] };
}

export function checkAddress(address: Address, field = 'defaultShippingAddress'): Checked<Address> {
  const problems: FieldProblem[] = [];
  const line1 = address.line1.trim();
  const line2 = address.line2?.trim() ?? '';
  const city = address.city.trim();
  const postalCode = address.postalCode.trim().toUpperCase();
  const country = address.country.trim().toUpperCase();
  if (line1.length === 0) problems.push({ field: `${field}.line1`, message: 'is required' });
  if (line1.length > ADDRESS_LINE_MAX_LENGTH) problems.push({ field: `${field}.line1`, message: `must be at most ${ADDRESS_LINE_MAX_LENGTH} characters` });
  if (line2.length > ADDRESS_LINE_MAX_LENGTH) problems.push({ field: `${field}.line2`, message: `must be at most ${ADDRESS_LINE_MAX_LENGTH} characters` });
  if (city.length === 0) problems.push({ field: `${field}.city`, message: 'is required' });
  if (city.length > CITY_MAX_LENGTH) problems.push({ field: `${field}.city`, message: `must be at most ${CITY_MAX_LENGTH} characters` });
  if (!POSTAL_CODE_SHAPE.test(postalCode)) problems.push({ field: `${field}.postalCode`, message: 'is not a valid postal code' });
  if (!COUNTRY_CODES.has(country)) problems.push({ field: `${field}.country`, message: 'must be an ISO 3166-1 alpha-2 country code' });
  const value: Address = { line1, ...(line2 ? { line2 } : {}), city, postalCode, country };
  return { value, problems };
}

export function sameAddress(a: Address | null, b: Address | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.line1 === b.line1 &&
    (a.line2 ?? '') === (b.line2 ?? '') &&
    a.city === b.city &&
    a.postalCode === b.postalCode &&
    a.country === b.country
  );
}
