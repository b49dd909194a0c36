import { createHash } from 'node:crypto';
import type { FieldProblem } from '../../../src/errors/domain-error';
import { isMailboxAddress, MAX_EMAIL_LENGTH } from '../../../src/validation/email-address';

/** How limits count an email without keeping it: SHA-256 of the normalised address, hex. */
export function hashEmail(normalizedEmail: string): string {
  return createHash('sha256').update(normalizedEmail, 'utf8').digest('hex');
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailProblems(normalizedEmail: string, field = 'email'): FieldProblem[] {
  if (normalizedEmail.length === 0) return [{ field, message: 'is required' }];
  if (normalizedEmail.length > MAX_EMAIL_LENGTH) return [{ field, message: `must be at most ${MAX_EMAIL_LENGTH} characters` }];
  if (!isMailboxAddress(normalizedEmail)) return [{ field, message: 'is not a valid email address (one mailbox, no quotes, spaces or list separators)' }];
  return [];
}
