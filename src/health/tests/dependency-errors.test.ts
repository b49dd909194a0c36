import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { KnexTimeoutError } from 'knex';
import { DependencyUnavailableError, reasonOf, unavailableDependency } from '../dependency-errors';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('which dependency an error says is unreachable', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a session ended by a restart', new Error('Connection terminated unexpectedly')],
    ['an immediate shutdown', withCode('terminating connection due to administrator command', '57P01')],
    ['a server starting up', withCode('the database system is starting up', '57P03')],
    ['a connection exception', withCode('connection failure', '08006')],
    ['a pool that gave no connection', new KnexTimeoutError('Knex: Timeout acquiring a connection')],
    ['an objection DBError around a driver error', Object.assign(new Error('the database system is starting up'), { name: 'DBError', nativeError: withCode('x', '57P03') })],
  ])('postgres: %s', (_, error) => {
    expect(unavailableDependency(error)).toBe('postgres');
  });

  it('kafka: a broker that does not answer, also once the client gave up retrying', () => {
    const unreachable = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    expect(unavailableDependency(unreachable)).toBe('kafka');
    expect(unavailableDependency(new KafkaJSNumberOfRetriesExceeded(unreachable, { retryCount: 8, retryTime: 3000 }))).toBe('kafka');
  });

  it('the registry, and anything a caller names, through DependencyUnavailableError', () => {
    const error = new DependencyUnavailableError('schema registry', new TypeError('fetch failed'));
    expect(unavailableDependency(error)).toBe('schema registry');
    expect(error.message).toBe('schema registry is unavailable: fetch failed');
  });

  it.each([
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a syntax error', withCode('syntax error at or near "selec"', '42601')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a refused Kafka request', Object.assign(new KafkaJSProtocolError('Topic authorization failed'), { retriable: false })],
    ['a non-retriable Kafka error', new KafkaJSNonRetriableError('The group is rebalancing')],
    ['not an error at all', 'boom'],
    ['nothing', undefined],
  ])('none for %s: it keeps its own handling', (_, error) => {
    expect(unavailableDependency(error)).toBeUndefined();
  });

  it('gives a one-line reason with the code and the cause, never a stack', () => {
    expect(reasonOf(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5432');
    expect(reasonOf(new Error('fetch failed', { cause: new Error('other side closed') }))).toBe('fetch failed (other side closed)');
  });
});
