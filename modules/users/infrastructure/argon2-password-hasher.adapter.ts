import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import type { PasswordHasher } from '../application/password-hasher.port';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane); the parameters are stored in each hash, so raising them later keeps old hashes verifiable.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// Compatibility-equivalent characters (e.g. full-width digits) must not make the same password fail.
const normalized = (password: string) => password.normalize('NFKC');

function hashPassword(password: string): Promise<string> {
  return argon2.hash(normalized(password), OPTIONS);
}

async function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, normalized(password));
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash with the same cost, so that an unknown email takes as long to
 * reject as a wrong password and response times do not reveal which accounts exist.
 */
async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomUUID());
  await argon2.verify(await dummyHash, normalized(password));
  return false;
}

/** argon2id with OWASP's baseline parameters. */
export const argon2PasswordHasher: PasswordHasher = { hash: hashPassword, verify: verifyPassword, verifyAgainstDummy };
