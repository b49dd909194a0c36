import pg from 'pg';
import { outboxChannel } from '../src/messaging/outbox-channel';

export interface OutboxLeaseEvents {
  /** The outbox got new rows (a NOTIFY from the writer's commit). */
  onNotify(): void;
  /** The lease's session ended: another relay may publish this outbox now. */
  onLost(): void;
}

/**
 * The right to publish one module's outbox: a session-level Postgres advisory lock held on a connection of
 * its own, which also LISTENs for the outbox's NOTIFY. Exactly one relay process holds it; ending the
 * session (release, crash, network loss) frees it for a standby.
 */
export class OutboxLease {
  private client?: pg.Client;
  private lost = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly schema: string,
    private readonly events: OutboxLeaseEvents,
  ) {}

  get held(): boolean {
    return this.client !== undefined && !this.lost;
  }

  /** Tries once; false when another session holds the lock. */
  async tryAcquire(): Promise<boolean> {
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: `mart-relay:${this.schema}:${process.pid}`,
      connectionTimeoutMillis: 10_000,
    });
    client.on('error', () => this.markLost(client));
    client.on('end', () => this.markLost(client));
    try {
      await client.connect();
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [
        `mart.outbox.${this.schema}`,
      ]);
      if (!rows[0].locked) {
        await client.end().catch(() => {});
        return false;
      }
      client.on('notification', () => this.events.onNotify());
      await client.query(`LISTEN ${outboxChannel(this.schema)}`);
    } catch (error) {
      // A session that failed half-way (the database went away) must not linger holding the lock.
      await client.end().catch(() => {});
      throw error;
    }
    this.client = client;
    this.lost = false;
    return true;
  }

  /** Ending the session releases the advisory lock. */
  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private markLost(client: pg.Client): void {
    if (client !== this.client || this.lost) return;
    this.lost = true;
    this.events.onLost();
  }
}
