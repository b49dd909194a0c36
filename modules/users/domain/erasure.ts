/** The modules that hold personal data about a user, each of which reports its part of an erasure. */
export const MODULES_HOLDING_PERSONAL_DATA = ['users', 'orders', 'payments', 'notifications'] as const;

export const ERASED_NAME = 'Erased user';

/** What an erased account's email becomes: unique, and never deliverable (.invalid, RFC 2606). */
export function erasedEmail(userId: string): string {
  return `erased-${userId}@erased.invalid`;
}

export interface ErasureRecord {
  userId: string;
  requestedBy: string;
  requestedAt: Date;
  /** Module name → when it reported its part done. */
  erasedAt: ReadonlyMap<string, Date>;
}

export interface Erasure {
  userId: string;
  requestedBy: string;
  requestedAt: Date;
  /** True once every module holding personal data has reported. */
  complete: boolean;
  modules: Array<{ module: string; erasedAt: Date | null }>;
}

export function erasureOf(record: ErasureRecord): Erasure {
  const modules = MODULES_HOLDING_PERSONAL_DATA.map((module) => ({ module, erasedAt: record.erasedAt.get(module) ?? null }));
  return {
    userId: record.userId,
    requestedBy: record.requestedBy,
    requestedAt: record.requestedAt,
    complete: modules.every((m) => m.erasedAt !== null),
    modules,
  };
}
