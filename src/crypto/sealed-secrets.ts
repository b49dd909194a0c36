import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Seals short secrets (webhook signing secrets at rest, account tokens inside events) with AES-256-GCM under a
 * 32-byte key, a fresh nonce each: a database dump, or a reader of the topic, without the key learns nothing.
 * Sealed form: `v1.<nonce>.<tag>.<ciphertext>`, base64url parts.
 */
export class SealedSecrets {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new RangeError('the sealing key must be 32 bytes');
  }

  seal(secret: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [VERSION, nonce, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  /** The secret; throws when the value was sealed under another key or altered. */
  open(sealed: string): string {
    const [version, nonce, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || !nonce || !tag || ciphertext === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/** A 32-byte key written as 64 hex digits or base64 (`openssl rand -base64 32`). */
export function keyBytes(value: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
}
