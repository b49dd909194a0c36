import { After, AfterAll, BeforeAll, setDefaultTimeout, setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import '../../test/test-environment';
import { loadConfig } from '../../src/config/config';
import { prepareRun } from '../../test/prepare-run';
import { SmtpTestServer } from '../../test/smtp-test-server';
import { startSplitStack, type DeployedStack } from '../../test/split-stack';
import { startTestStack } from '../../test/test-stack';
import globalTeardown from '../../test/global-teardown';

setDefaultTimeout(60_000);

let stack: DeployedStack;
let smtp: SmtpTestServer;

BeforeAll(async function () {
  await prepareRun(loadConfig());
  smtp = await SmtpTestServer.start();
  // Behind a trusted local proxy (or the split deployment's gateway): stories about client addresses speak through
  // X-Forwarded-For.
  const env = { SMTP_URL: smtp.url, NOTIFICATION_RETRY_BASE_MS: '100', NOTIFICATION_DISPATCH_INTERVAL_MS: '50', TRUST_PROXY: 'loopback',
    // The integrator of the webhook stories listens on 127.0.0.1.
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_DISPATCH_INTERVAL_MS: '50', WEBHOOK_RETRY_BASE_MS: '200' };
  // The same stories against either shape of Mart: one process (default) or MART_DEPLOYMENT=split, three processes
  // on three databases behind a gateway.
  stack = process.env.MART_DEPLOYMENT === 'split' ? await startSplitStack({ env }) : await startTestStack({ relay: true, consumers: true, env });
});

AfterAll(async function () {
  await stack?.stop();
  await smtp?.stop();
  await globalTeardown();
});

export interface HttpResult {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One scenario's state: the running stack (shared), the people in the story, and the last response. */
export class MartWorld extends World {
  /** Access tokens by person name, e.g. "Alice" → Bearer token. */
  readonly tokens = new Map<string, string>();
  /** Free-form values remembered between steps (ids, emails, ...). */
  readonly remembered = new Map<string, unknown>();
  response?: HttpResult;

  constructor(options: IWorldOptions) {
    super(options);
  }

  get stack(): DeployedStack {
    return stack;
  }

  /** The scenario's admin (the last one logged in), for steps that read what only admins may see. */
  adminName(): string {
    const name = this.remembered.get('admin');
    if (typeof name !== 'string') throw new Error('no admin is logged in in this scenario');
    return name;
  }

  /** The SMTP server the API sends its email to. */
  get smtp(): SmtpTestServer {
    return smtp;
  }

  /** Sends a JSON request to the running API, as `as` (a person with a token) when given. */
  async request(
    method: string,
    path: string,
    options: { body?: unknown; as?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResult> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.as) {
      const token = this.tokens.get(options.as);
      if (!token) throw new Error(`${options.as} has not logged in`);
      headers.authorization = `Bearer ${token}`;
    }
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    this.response = { status: response.status, headers: response.headers, body };
    return this.response;
  }
}

setWorldConstructor(MartWorld);

After(function (this: MartWorld, { result }) {
  if (result?.status === 'FAILED' && this.response) {
    this.log(`last response: ${this.response.status} ${JSON.stringify(this.response.body)}`);
  }
});
