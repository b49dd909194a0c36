import { execFileSync } from 'node:child_process';
import { projectRoot } from '../../project-root';

// Jest's module sandbox hides the `long` package from protobufjs, so the bug this guards against (int64 fields
// left at 0 decoding as Long objects, which every event money check refuses) only shows in a real Node process.
describe('int64 fields as the API and relay processes decode them', () => {
  it('are JS numbers, also when left at 0 and so absent on the wire', () => {
    const script = `
      import { OrderStream } from './proto/streams';
      const bytes = OrderStream.codec.encode({ eventId: 'e', orderPaid: { orderId: 'o', discount: { amountMinor: 0, currency: 'EUR' }, total: { amountMinor: 1250, currency: 'EUR' } } }).finish();
      const { orderPaid } = OrderStream.codec.decode(bytes);
      console.log(JSON.stringify([typeof orderPaid.discount.amountMinor, orderPaid.discount.amountMinor, typeof orderPaid.total.amountMinor]));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: projectRoot(), encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['number', 0, 'number']);
  });
});
