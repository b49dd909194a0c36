import type { FieldProblem } from '../../../src/errors/domain-error';

const MAX_EMAIL_LENGTH = 254;
// Deliberately permissive (one @, a dotted domain, no spaces): ownership is what really proves an address.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailProblems(normalizedEmail: string, field = 'email'): FieldProblem[] {
  if (normalizedEmail.length === 0) return [{ field, message: 'is required' }];
  if (normalizedEmail.length > MAX_EMAIL_LENGTH) return [{ field, message: `must be at most ${MAX_EMAIL_LENGTH} characters` }];
  if (!EMAIL_SHAPE.test(normalizedEmail)) return [{ field, message: 'is not a valid email address' }];
  return [];
}
