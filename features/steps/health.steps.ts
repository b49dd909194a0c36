import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import type { MartWorld } from '../support/world';

When('the operator asks whether the API is ready', async function (this: MartWorld) {
  await this.request('GET', '/health/ready');
});

Then('every dependency is reported up', function (this: MartWorld) {
  const checks = this.response?.body?.checks ?? {};
  assert.deepEqual(Object.keys(checks).sort(), ['kafka', 'postgres', 'schemaRegistry']);
  for (const [name, check] of Object.entries(checks)) assert.equal((check as { status: string }).status, 'up', name);
});
