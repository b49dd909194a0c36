import { randomBytes } from 'node:crypto';
import { PersonalDataSeal } from '../personal-data';

describe('personal data sealed with each user’s own key', () => {
  const shared = randomBytes(32);
  const seal = new PersonalDataSeal(shared);

  it('opens what it sealed, and the sealed form shows none of it', () => {
    const userKey = seal.newUserKey();
    const sealed = seal.seal(userKey, { email: 'ada@example.com', name: 'Ada' });
    expect(JSON.stringify(sealed)).not.toMatch(/ada/i);
    expect(seal.open(sealed)).toEqual({ email: 'ada@example.com', name: 'Ada' });
  });

  it('gives every user a key of their own: one user’s key does not open another’s data', () => {
    const ada = seal.seal(seal.newUserKey(), { name: 'Ada' });
    const grace = seal.seal(seal.newUserKey(), { name: 'Grace' });
    expect(() => seal.open({ userKey: grace.userKey, personal: ada.personal })).toThrow();
  });

  it('cannot be opened without the shared key, nor once altered', () => {
    const sealed = seal.seal(seal.newUserKey(), { name: 'Ada' });
    expect(() => new PersonalDataSeal(randomBytes(32)).open(sealed)).toThrow();
    const [version, nonce, tag, body] = sealed.personal.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => seal.open({ ...sealed, personal: [version, nonce, tag, flipped.toString('base64url')].join('.') })).toThrow();
  });
});
