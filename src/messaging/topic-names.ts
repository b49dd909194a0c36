/**
 * Maps contract topic names (`mart.orders.order.v1`) to the names used on the broker. The prefix is empty
 * in every real deployment; test runs set one so that parallel runs on one broker never see each other.
 */
export class TopicNames {
  constructor(readonly prefix: string = '') {}

  physical(topic: string): string {
    return `${this.prefix}${topic}`;
  }

  logical(physicalTopic: string): string {
    return physicalTopic.startsWith(this.prefix) ? physicalTopic.slice(this.prefix.length) : physicalTopic;
  }
}
