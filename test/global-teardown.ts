import pg from 'pg';

/** Drops this run's database; topics with the run's prefix stay on the throwaway local broker. */
export default async function globalTeardown(): Promise<void> {
  const url = new URL(process.env.DATABASE_URL!);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name.startsWith('mart_test_')) return;
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`drop database if exists "${name}" with (force)`);
  await client.end();
}
