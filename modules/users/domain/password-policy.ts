import type { FieldProblem } from '../../../src/errors/domain-error';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Length in characters as a person counts them (code points), not UTF-16 units. */
function characterCount(value: string): number {
  return [...value].length;
}

export function passwordProblems(password: string, context: { email?: string; field?: string } = {}): FieldProblem[] {
  const field = context.field ?? 'password';
  const length = characterCount(password);
  if (length < PASSWORD_MIN_LENGTH) return [{ field, message: `must be at least ${PASSWORD_MIN_LENGTH} characters` }];
  if (length > PASSWORD_MAX_LENGTH) return [{ field, message: `must be at most ${PASSWORD_MAX_LENGTH} characters` }];
  if (password.trim().length === 0) return [{ field, message: 'must not be only whitespace' }];
  if (context.email !== undefined && password.trim().toLowerCase() === context.email) {
    return [{ field, message: 'must not be the email address' }];
  }
  return [];
}
