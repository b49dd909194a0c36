import { addressBucket } from '../client-address';

describe('the address a throttle counts', () => {
  it('counts every IPv6 address of one /64 as one caller, however it is written', () => {
    const bucket = addressBucket('2001:db8:85a3:1:0:0:0:1');
    for (const address of ['2001:db8:85a3:1::2', '2001:0db8:85a3:0001:ffff:ffff:ffff:ffff', '2001:DB8:85A3:1:abcd::9', '2001:db8:85a3:1::7%eth0']) {
      expect(addressBucket(address)).toBe(bucket);
    }
    expect(bucket).toBe('2001:db8:85a3:1::/64');
  });

  it('tells different /64 networks apart, including ones with zeros folded away', () => {
    expect(addressBucket('2001:db8:85a3:2::1')).not.toBe(addressBucket('2001:db8:85a3:1::1'));
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
  });

  it('keeps IPv4 addresses whole, also when mapped into IPv6', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('203.0.113.8')).not.toBe(addressBucket('203.0.113.7'));
  });
});
