import type { Knex } from 'knex';

export interface RecentLoginFailures {
  forAccount: Date[];
  forIp: Date[];
  now: Date;
}

/** The newest failures inside the window for the account and the IP, read against the database clock. */
export async function recentLoginFailures(
  db: Knex,
  query: { email: string; ip: string; windowSeconds: number; accountLimit: number; ipLimit: number },
): Promise<RecentLoginFailures> {
  const { rows } = await db.raw<{ rows: { for_account: Date[]; for_ip: Date[]; now: Date }[] }>(
    `select
       array(select failed_at from login_failures
             where email = :email and failed_at > now() - make_interval(secs => :windowSeconds)
             order by failed_at desc limit :accountLimit) as for_account,
       array(select failed_at from login_failures
             where ip = :ip and failed_at > now() - make_interval(secs => :windowSeconds)
             order by failed_at desc limit :ipLimit) as for_ip,
       now() as now`,
    query,
  );
  const [row] = rows;
  return { forAccount: row.for_account, forIp: row.for_ip, now: row.now };
}

export async function recordLoginFailure(db: Knex, failure: { email: string; ip: string; windowSeconds: number }): Promise<void> {
  await db('login_failures').insert({ email: failure.email, ip: failure.ip });
  await db('login_failures')
    .where((q) => q.where({ email: failure.email }).orWhere({ ip: failure.ip }))
    .andWhereRaw('failed_at <= now() - make_interval(secs => ?)', [failure.windowSeconds])
    .delete();
}

export async function clearAccountLoginFailures(db: Knex, email: string): Promise<void> {
  await db('login_failures').where({ email }).delete();
}
