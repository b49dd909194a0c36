/** Password hashing, behind a port so that use cases do not depend on the hashing library. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Costs as much as verify but always fails: an unknown email takes as long to reject as a wrong password. */
  verifyAgainstDummy(password: string): Promise<false>;
}
