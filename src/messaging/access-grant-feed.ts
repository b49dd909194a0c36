import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { UserStream, type mart } from '../../proto/streams';
import type { AccessChange, AccessGrantsFromEvents } from '../auth/access-grants-from-events';
import { ROLES, type Role } from '../auth/principal';
import type { Logger } from '../logging/logger';
import { decodeDelivery, type Delivery } from './consumer/delivery';
import type { TopicNames } from './topic-names';

const CATCH_UP_TIMEOUT_MS = 60_000;

/**
 * Feeds AccessGrantsFromEvents from the users module's topic, for a process that serves requests without that
 * module. It reads from one token lifetime ago (every change that can still matter) in a consumer group of its
 * own that commits nothing, so each process sees every partition; `start` resolves once it has read up to where
 * the topic ended when it started, so a revoked token is never accepted for want of reading.
 */
export class AccessGrantFeed {
  private readonly consumer: Consumer;
  private readonly groupId: string;

  constructor(
    private readonly options: {
      kafka: Kafka;
      admin: Admin;
      topicNames: TopicNames;
      /** A group name this process's principal may use: `<prefix>.access.<module>`; a random suffix is added. */
      groupPrefix: string;
      grants: AccessGrantsFromEvents;
      lookBackMs: number;
      logger: Logger;
    },
  ) {
    this.groupId = `${options.groupPrefix}.${randomUUID()}`;
    this.consumer = options.kafka.consumer({ groupId: this.groupId, maxWaitTimeInMs: 100, retry: { retries: 8 } });
  }

  async start(): Promise<void> {
    const { admin, topicNames, logger } = this.options;
    const topic = topicNames.physical(UserStream.topic);
    const since = Date.now() - this.options.lookBackMs;
    const starts = await admin.fetchTopicOffsetsByTimestamp(topic, since);
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
    const behind = new Set(starts.filter((p) => Number(p.offset) < (ends.get(p.partition) ?? 0)).map((p) => p.partition));
    let caughtUp!: () => void;
    const read = new Promise<void>((resolve) => (caughtUp = resolve));
    if (behind.size === 0) caughtUp();

    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: false });
    await this.consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const change = this.changeIn({ topic, partition: batch.partition, message });
          if (change) this.options.grants.apply(change);
        }
        const last = Number(batch.lastOffset());
        if (behind.has(batch.partition) && last + 1 >= (ends.get(batch.partition) ?? 0)) {
          behind.delete(batch.partition);
          if (behind.size === 0) caughtUp();
        }
      },
    });
    for (const { partition, offset } of starts) this.consumer.seek({ topic, partition, offset: String(Math.max(0, Number(offset))) });

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the users topic was not read up to its end within ${CATCH_UP_TIMEOUT_MS / 1000} s`)), CATCH_UP_TIMEOUT_MS);
    });
    try {
      await Promise.race([read, timedOut]);
    } finally {
      clearTimeout(timer);
    }
    logger.info({ groupId: this.groupId, kept: this.options.grants.size }, 'access changes read from the users topic');
  }

  /** The users module's consumer dead-letters what it cannot read; here it is only skipped, and said. */
  private changeIn(delivery: Delivery): AccessChange | undefined {
    try {
      return accessChangeOf(decodeDelivery(UserStream, delivery).envelope as mart.users.v1.UserEvent);
    } catch (error) {
      this.options.logger.warn({ err: error, partition: delivery.partition, offset: delivery.message.offset }, 'unreadable event on the users topic skipped');
      return undefined;
    }
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

/** The change to access an event of the users stream makes, if any. */
export function accessChangeOf(envelope: mart.users.v1.UserEvent): AccessChange | undefined {
  const at = Date.parse(envelope.occurredAt);
  if (Number.isNaN(at)) return undefined;
  if (envelope.sessionsEnded) return { kind: 'sessions ended', sessionIds: envelope.sessionsEnded.sessionIds ?? [], at };
  const role = envelope.userRoleChanged?.role;
  if (envelope.userRoleChanged?.userId && ROLES.includes(role as Role)) return { kind: 'role', userId: envelope.userRoleChanged.userId, role: role as Role, at };
  if (envelope.emailVerified?.userId) return { kind: 'email verified', userId: envelope.emailVerified.userId, at };
  return undefined;
}
