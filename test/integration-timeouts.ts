// Integration tests wait on real Kafka consumer groups and the relay; their hooks need more than 5 s.
jest.setTimeout(60_000);
