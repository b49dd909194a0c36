import type { Admin } from 'kafkajs';
import { untilLeadersElected } from '../kafka';

/** Metadata answers in the order a broker just started gives them, one per request. */
function brokerAnswering(...answers: Array<Error | Array<{ name: string; leaders: number[] }>>): Pick<Admin, 'fetchTopicMetadata'> & { asked: number } {
  const broker = {
    asked: 0,
    fetchTopicMetadata: async () => {
      const answer = answers[Math.min(broker.asked++, answers.length - 1)];
      if (answer instanceof Error) throw answer;
      return { topics: answer.map(({ name, leaders }) => ({ name, partitions: leaders.map((leader, partitionId) => ({ partitionId, leader, replicas: [], isr: [], partitionErrorCode: 0 })) })) };
    },
  };
  return broker as unknown as Pick<Admin, 'fetchTopicMetadata'> & { asked: number };
}

const kafkaError = (type: string) => Object.assign(new Error(type), { type });

describe('waiting for the leaders of new topics', () => {
  it('rides out a broker that does not list the topic yet, then one electing leaders, until every partition has one', async () => {
    const broker = brokerAnswering(
      kafkaError('UNKNOWN_TOPIC_OR_PARTITION'),
      kafkaError('LEADER_NOT_AVAILABLE'),
      [{ name: 'orders', leaders: [1, -1] }],
      [{ name: 'orders', leaders: [1, 1] }],
    );
    await untilLeadersElected(broker, ['orders'], { intervalMs: 1 });
    expect(broker.asked).toBe(4);
  });

  it('gives up after its time with the topics named', async () => {
    const broker = brokerAnswering(kafkaError('UNKNOWN_TOPIC_OR_PARTITION'));
    await expect(untilLeadersElected(broker, ['orders'], { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow(/orders had no leaders/);
  });

  it('passes on any other error at once', async () => {
    const broker = brokerAnswering(kafkaError('TOPIC_AUTHORIZATION_FAILED'));
    await expect(untilLeadersElected(broker, ['orders'], { intervalMs: 1 })).rejects.toThrow('TOPIC_AUTHORIZATION_FAILED');
    expect(broker.asked).toBe(1);
  });
});
