// Tests run against their own database and consumer groups, so a running dev stack is left alone.
process.env.NODE_ENV ??= 'test';
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/mart_test';
process.env.KAFKA_CONSUMER_GROUP_PREFIX ??= 'mart-test';
process.env.LOG_LEVEL ??= 'warn';
process.env.CONSUMER_RETRY_BASE_MS ??= '50';
process.env.RELAY_LOCK_RETRY_MS ??= '250';
