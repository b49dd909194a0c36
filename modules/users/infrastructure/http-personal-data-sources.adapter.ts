import type { PersonalDataSources } from '../application/personal-data-sources.port';
import { UserErrors } from '../domain/users.errors';

/** Where each module holding personal data serves the caller's part (its own route, behind the API). */
const PARTS = { orders: '/orders/personal-data', payments: '/payments/personal-data', notifications: '/notifications/personal-data' } as const;
const TIMEOUT_MS = 10_000;

/**
 * Asks every module's part over the deployment's API (MART_API_URL, or this process), as the user: the same route
 * whether the module runs in this process or behind the gateway in another. The base URL is configuration, never
 * taken from the request, so the user's token goes nowhere else.
 */
export class HttpPersonalDataSources implements PersonalDataSources {
  constructor(private readonly apiUrl: () => string) {}

  async collect(authorization: string): Promise<Record<string, unknown>> {
    const answers = await Promise.all(
      Object.entries(PARTS).map(async ([module, path]) => {
        const response = await fetch(`${this.apiUrl()}${path}`, {
          headers: { authorization, accept: 'application/json' },
          signal: AbortSignal.timeout(TIMEOUT_MS),
        }).catch(() => undefined);
        if (!response?.ok) throw UserErrors.exportUnavailable(module);
        return [module, await response.json()] as const;
      }),
    );
    return Object.fromEntries(answers);
  }
}
