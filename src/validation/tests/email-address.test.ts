import { isMailboxAddress } from '../email-address';

describe('a mailbox address', () => {
  it.each(['ada@example.com', 'ada.lovelace+mart@mail.example.co.uk', "o'brien@example.ie", 'x@xn--bcher-kva.example', 'a_b-c@example-shop.de'])(
    'accepts %s',
    (address) => expect(isMailboxAddress(address)).toBe(true),
  );

  it.each([
    'a,victim@example.com',
    'a;victim@example.com',
    'attacker@example.com,victim@example.com',
    '"a b"@example.com',
    'Ada <ada@example.com>',
    'ada @example.com',
    'ada@example.com\nbcc: victim@example.com',
    'ada..lovelace@example.com',
    '.ada@example.com',
    'ada@example',
    'ada@-example.com',
    'ada@example.c0m',
    'ada@@example.com',
    'ada(comment)@example.com',
    `${'a'.repeat(65)}@example.com`,
    '',
  ])('refuses %p: a mail library could read it as another address, or as several', (address) => {
    expect(isMailboxAddress(address)).toBe(false);
  });
});
