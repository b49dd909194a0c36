import assert from 'node:assert/strict';
import { Then } from '@cucumber/cucumber';
import type { MartWorld } from '../support/world';

Then('the response status is {int}', function (this: MartWorld, status: number) {
  assert.equal(this.response?.status, status, JSON.stringify(this.response?.body));
});

Then('the response is a problem with code {string}', function (this: MartWorld, code: string) {
  assert.match(this.response?.headers.get('content-type') ?? '', /application\/problem\+json/);
  assert.equal(this.response?.body?.code, code, JSON.stringify(this.response?.body));
});
