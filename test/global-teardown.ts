import pg from 'pg';
import { loadConfig } from '../src/config/config';
import { endRun } from './prepare-run';

/** Drops this run's database and takes back its ACLs; topics with the run's prefix stay on the local broker. */
export default async function globalTeardown(): Promise<void> {
  await endRun(loadConfig());
  const url = new URL(process.env.DATABASE_URL!);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name.startsWith('mart_test_')) return;
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`drop database if exists "${name}" with (force)`);
  await client.end();
}
