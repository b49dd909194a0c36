import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type Admin,
  type AclEntry,
} from 'kafkajs';
import { UserStream, type EventStream } from '../../proto/streams';
import type { ModuleName } from '../module-names';
import { consumerGroupId, sideGroupPrefix } from './consumer-groups';
import { deadLetterTopic, ensureTopics } from './kafka';
import { EXTERNAL_GROUP_PREFIX, kafkaPrincipals } from './kafka-principals';
import type { TopicNames } from './topic-names';

export interface EventAccess {
  topicNames: TopicNames;
  /** KAFKA_CONSUMER_GROUP_PREFIX: module `m` consumes as group `<prefix>.<m>`. */
  consumerGroupPrefix: string;
  streams: readonly EventStream[];
  /** The streams each module's handlers read. */
  subscriptions: ReadonlyMap<ModuleName, readonly EventStream[]>;
}

const { READ, WRITE, CREATE, DESCRIBE } = AclOperationTypes;

function allow(principal: string, resourceType: AclResourceTypes, resourceName: string, operation: AclOperationTypes, prefixed = false): AclEntry {
  return {
    principal: `User:${principal}`,
    host: '*',
    resourceType,
    resourceName,
    resourcePatternType: prefixed ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
    operation,
    permissionType: AclPermissionTypes.ALLOW,
  };
}

/**
 * Every ACL the event topics need, and no more: the relay alone writes (and creates) event topics; a module reads
 * the topics it subscribes to, in its own consumer group, and writes their dead-letter topics; the external
 * principal reads every event topic in groups of its own. Names are literal, for this deployment's topic prefix.
 */
export function eventAccessRules(access: EventAccess): AclEntry[] {
  const { topicNames } = access;
  const rules: AclEntry[] = [];
  for (const stream of access.streams) {
    const topic = topicNames.physical(stream.topic);
    for (const operation of [WRITE, CREATE, DESCRIBE]) rules.push(allow(kafkaPrincipals.relay, AclResourceTypes.TOPIC, topic, operation));
    for (const operation of [CREATE, DESCRIBE]) rules.push(allow(kafkaPrincipals.relay, AclResourceTypes.TOPIC, deadLetterTopic(topic), operation));
    for (const operation of [READ, DESCRIBE]) rules.push(allow(kafkaPrincipals.external, AclResourceTypes.TOPIC, topic, operation));
  }
  rules.push(allow(kafkaPrincipals.external, AclResourceTypes.GROUP, EXTERNAL_GROUP_PREFIX, READ, true));
  for (const [module, streams] of access.subscriptions) {
    const principal = kafkaPrincipals.module(module);
    rules.push(allow(principal, AclResourceTypes.GROUP, consumerGroupId(access.consumerGroupPrefix, module), READ));
    rules.push(allow(principal, AclResourceTypes.GROUP, sideGroupPrefix(access.consumerGroupPrefix, module), READ, true));
    // A process without the users module reads its topic for ended sessions and roles, in groups of its own.
    rules.push(allow(principal, AclResourceTypes.GROUP, accessGroupPrefix(access.consumerGroupPrefix, module), READ, true));
    rules.push(allow(principal, AclResourceTypes.GROUP, replayGroupPrefix(access.consumerGroupPrefix, module), READ, true));
    for (const operation of [READ, DESCRIBE]) rules.push(allow(principal, AclResourceTypes.TOPIC, topicNames.physical(UserStream.topic), operation));
    for (const stream of new Set(streams)) {
      const topic = topicNames.physical(stream.topic);
      for (const operation of [READ, DESCRIBE]) rules.push(allow(principal, AclResourceTypes.TOPIC, topic, operation));
      for (const operation of [WRITE, DESCRIBE]) rules.push(allow(principal, AclResourceTypes.TOPIC, deadLetterTopic(topic), operation));
    }
  }
  return rules;
}

/** The consumer groups a module's principal reads the users topic in for access changes (AccessGrantFeed): one per process. */
export function accessGroupPrefix(consumerGroupPrefix: string, module: ModuleName): string {
  return `${consumerGroupPrefix}.access.${module}`;
}

/** The consumer groups a module's principal reads its topics back in by time (EventArchive): one per reading, committing nothing. */
export function replayGroupPrefix(consumerGroupPrefix: string, module: ModuleName): string {
  return `${consumerGroupPrefix}.replay.${module}`;
}

/**
 * What a Confluent Schema Registry storing its schemas in this cluster needs (compose runs one): its `_schemas`
 * topic, its `schema-registry*` consumer groups, and reading the cluster's settings.
 */
export function schemaStoreRules(principal: string): AclEntry[] {
  return [
    allow(principal, AclResourceTypes.TOPIC, '_schemas', AclOperationTypes.ALL),
    allow(principal, AclResourceTypes.GROUP, 'schema-registry', AclOperationTypes.ALL, true),
    allow(principal, AclResourceTypes.CLUSTER, 'kafka-cluster', DESCRIBE),
    allow(principal, AclResourceTypes.CLUSTER, 'kafka-cluster', AclOperationTypes.DESCRIBE_CONFIGS),
  ];
}

/** Creates the event topics and grants the ACLs above; safe to repeat. Needs a super user's admin client. */
export async function grantEventAccess(admin: Admin, access: EventAccess, partitions: number): Promise<number> {
  await ensureTopics(admin, access.topicNames, access.streams, partitions);
  const rules = eventAccessRules(access);
  await admin.createAcls({ acl: rules });
  await untilAclsHold(admin, rules);
  return rules.length;
}

const ACL_PROPAGATION_TIMEOUT_MS = 30_000;

/**
 * Waits until the broker's authorizer holds every rule: KRaft applies new ACLs from its metadata log shortly after
 * CreateAcls answers, and a client signing in at once (a test run, a process just started) would be refused.
 */
async function untilAclsHold(admin: Admin, rules: readonly AclEntry[]): Promise<void> {
  const key = (rule: { principal: string; resourceType: number; resourceName: string; operation: number; resourcePatternType: number }) =>
    `${rule.principal}|${rule.resourceType}|${rule.resourceName}|${rule.operation}|${rule.resourcePatternType}`;
  const wanted = new Set(rules.map(key));
  const deadline = Date.now() + ACL_PROPAGATION_TIMEOUT_MS;
  for (;;) {
    const { resources } = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    const held = new Set(
      resources.flatMap((resource) =>
        resource.acls.map((acl) => key({ ...acl, resourceType: resource.resourceType, resourceName: resource.resourceName, resourcePatternType: resource.resourcePatternType })),
      ),
    );
    if ([...wanted].every((rule) => held.has(rule))) return;
    if (Date.now() > deadline) throw new Error(`the broker did not apply ${wanted.size} new ACLs within ${ACL_PROPAGATION_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Takes back what grantEventAccess gave (a test run's or a benchmark's own prefix, when it ends). */
export async function revokeEventAccess(admin: Admin, access: EventAccess): Promise<void> {
  // The external principal's groups are the same for every deployment on the broker: another one still uses them.
  const ownRules = eventAccessRules(access).filter((rule) => rule.resourceName !== EXTERNAL_GROUP_PREFIX);
  await admin.deleteAcls({ filters: ownRules });
}
