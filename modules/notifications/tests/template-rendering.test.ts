import { escapeHtml } from '../domain/html';
import { renderTemplate } from '../domain/templates/render-template';

const orderId = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('notification templates', () => {
  it('confirms a paid order with its lines and the total in the order currency', () => {
    const message = renderTemplate(
      { name: 'Alice' },
      {
        template: 'order-confirmed',
        data: {
          orderId,
          total: { amountMinor: 259800, currency: 'EUR' },
          lines: [
            { name: 'Espresso machine', quantity: 1, lineTotal: { amountMinor: 249900, currency: 'EUR' } },
            { name: 'Descaler', quantity: 2, lineTotal: { amountMinor: 9900, currency: 'EUR' } },
          ],
        },
      },
    );
    expect(message.subject).toBe('Order #0F8FAD5B confirmed');
    expect(message.text).toContain('Hi Alice,');
    expect(message.text).toContain('2 × Descaler  €99.00');
    expect(message.text).toContain('Total: €2,598.00');
    expect(message.text).toContain(orderId);
    expect(message.html).toContain('€2,598.00');
    expect(message.sms).toBe('Mart: order #0F8FAD5B confirmed, total €2,598.00.');
  });

  it("shows each line's variant by its option values, escaped in HTML", () => {
    const message = renderTemplate(
      { name: 'Alice' },
      {
        template: 'order-confirmed',
        data: {
          orderId,
          total: { amountMinor: 3800, currency: 'EUR' },
          lines: [
            { name: 'T-shirt', options: [{ option: 'Size', value: 'M' }, { option: 'Colour', value: 'Red & <b>' }], quantity: 2, lineTotal: { amountMinor: 3000, currency: 'EUR' } },
            { name: 'Mug', options: [], quantity: 1, lineTotal: { amountMinor: 800, currency: 'EUR' } },
          ],
        },
      },
    );
    expect(message.text).toContain('2 × T-shirt (Size: M, Colour: Red & <b>)  €30.00');
    expect(message.text).toContain('1 × Mug  €8.00');
    expect(message.html).toContain('T-shirt (Size: M, Colour: Red &amp; &lt;b&gt;)');
  });

  it('shows shipping and the tax, added or included, before the total', () => {
    const confirmed = (included: boolean) =>
      renderTemplate(
        { name: 'Alice' },
        {
          template: 'order-confirmed',
          data: {
            orderId,
            total: { amountMinor: 1680, currency: 'EUR' },
            lines: [{ name: 'Tea', quantity: 1, lineTotal: { amountMinor: 1190, currency: 'EUR' } }],
            shipping: { name: 'Standard', amount: { amountMinor: 490, currency: 'EUR' } },
            tax: { amount: { amountMinor: 268, currency: 'EUR' }, included },
          },
        },
      );
    expect(confirmed(true).text).toContain('  Shipping (Standard): €4.90\n  Tax included: €2.68\n  Total: €16.80');
    expect(confirmed(false).text).toContain('  Tax: €2.68');
    expect(confirmed(true).html).toContain('<td>Shipping (Standard)</td><td style="text-align: right;">€4.90</td>');
  });

  it('formats amounts of zero-decimal currencies without minor digits', () => {
    const message = renderTemplate(
      { name: 'Kenji' },
      { template: 'order-awaiting-payment', data: { orderId, total: { amountMinor: 4500, currency: 'JPY' }, paymentDueAt: '2026-11-24T10:30:00Z' } },
    );
    expect(message.text).toContain('Please pay ¥4,500 by Nov 24, 2026, 10:30 AM UTC');
  });

  it('escapes user-provided values in HTML but keeps them readable in text', () => {
    const message = renderTemplate(
      { name: '<script>alert("x")</script>' },
      {
        template: 'order-confirmed',
        data: {
          orderId,
          total: { amountMinor: 100, currency: 'USD' },
          lines: [{ name: 'Fish & "Chips" <b>', quantity: 1, lineTotal: { amountMinor: 100, currency: 'USD' } }],
        },
      },
    );
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,');
    expect(message.html).toContain('Fish &amp; &quot;Chips&quot; &lt;b&gt;');
    expect(message.text).toContain('Fish & "Chips" <b>');
  });

  it('greets without a name when none is known', () => {
    expect(renderTemplate({ name: null }, { template: 'welcome', data: {} }).text.startsWith('Hello,\n')).toBe(true);
  });

  it('tells a refunded customer the amount, and the running total when the refund is partial', () => {
    const message = renderTemplate(
      { name: 'Bob' },
      {
        template: 'payment-refunded',
        data: { orderId, amount: { amountMinor: 500, currency: 'GBP' }, totalRefunded: { amountMinor: 1500, currency: 'GBP' }, reason: '' },
      },
    );
    expect(message.subject).toBe('Refund of £5.00 for order #0F8FAD5B');
    expect(message.text).toContain('In total, £15.00 has been refunded');
  });

  it('says whether a cancelled order will be refunded', () => {
    const refunded = renderTemplate({ name: 'A' }, { template: 'order-cancelled', data: { orderId, reason: 'customer request', refundRequired: true } });
    const unpaid = renderTemplate({ name: 'A' }, { template: 'order-cancelled', data: { orderId, reason: '', refundRequired: false } });
    expect(refunded.text).toContain('was cancelled (customer request). Your payment will be refunded');
    expect(unpaid.text).toContain('was cancelled. You have not been charged.');
  });

  it('escapes every HTML special character', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('the order confirmation with a promotion code', () => {
  it('shows the discount line between the lines and the total, escaped in HTML', () => {
    const rendered = renderTemplate(
      { name: 'A' },
      {
        template: 'order-confirmed',
        data: {
          orderId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
          total: { amountMinor: 2250, currency: 'EUR' },
          lines: [{ name: 'Tea', quantity: 2, lineTotal: { amountMinor: 2500, currency: 'EUR' } }],
          discount: { amount: { amountMinor: 250, currency: 'EUR' }, promotionCode: 'TEN<OFF>' },
        },
      },
    );
    expect(rendered.text).toContain('  2 × Tea  €25.00\n  Discount (TEN<OFF>)  −€2.50\n  Total: €22.50');
    expect(rendered.html).toContain('Discount (TEN&lt;OFF&gt;)');
    expect(rendered.html).toContain('−€2.50');
  });

  it('shows no discount line without one', () => {
    const rendered = renderTemplate(
      { name: 'A' },
      { template: 'order-confirmed', data: { orderId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', total: { amountMinor: 100, currency: 'EUR' }, lines: [] } },
    );
    expect(rendered.text).not.toContain('Discount');
  });

  it('puts the account link in the text and, attribute-escaped, in the HTML of account mail', () => {
    const link = 'https://shop.example/verify-email?token=abc_DEF-123&x="y"';
    const verify = renderTemplate({ name: 'A' }, { template: 'verify-email', data: { link, validHours: 48 } });
    expect(verify.text).toContain(link);
    expect(verify.text).toContain('within 48 hours');
    expect(verify.html).toContain('href="https://shop.example/verify-email?token=abc_DEF-123&amp;x=&quot;y&quot;"');
    const reset = renderTemplate({ name: 'A' }, { template: 'password-reset', data: { link, validMinutes: 30 } });
    expect(reset.text).toContain('within 30 minutes');
    expect(renderTemplate({ name: 'A' }, { template: 'password-changed', data: { how: 'reset', resetLink: link } }).text).toContain('with a password reset link');
    expect(renderTemplate({ name: 'A' }, { template: 'registration-attempted', data: { resetLink: link } }).subject).toBe('Someone tried to register with your address at Mart');
  });
});
