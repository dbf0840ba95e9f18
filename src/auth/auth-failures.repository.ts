import { Injectable } from '@nestjs/common';
import { Database } from '../database/transactions.js';
import { ANY_CREDENTIAL, backOffSchedule, FORGET_AFTER_SECONDS, PER_CLIENT_FAILURES, PER_CREDENTIAL_FAILURES, type FailureKey } from './failure-throttle.js';

/** Expired counters deleted per recorded failure: ten times what a failure adds (two rows at most), so the table cannot outgrow the live keys. */
const PRUNE_BATCH = 20;

/** The keys as three parallel arrays, for `unnest($1::text[], $2::text[], $3::text[])`. */
const keyArrays = (keys: FailureKey[]) => [keys.map((k) => k.kind), keys.map((k) => k.client), keys.map((k) => k.credential)];

/**
 * The block a key's `failures`-th failure starts (SQL of failure-throttle.ts's blockSeconds): $4 is the
 * time, $5 the back-off schedule, $7 the `*` credential, $8 and $9 the per-client and per-credential thresholds.
 */
const blockUntilSql = (failures: string, credential: string) => {
  const threshold = `(CASE WHEN ${credential} = $7 THEN $8::int ELSE $9::int END)`;
  return `CASE WHEN ${failures} >= ${threshold}
            THEN $4::timestamptz + make_interval(secs => ($5::int[])[least(${failures} - ${threshold} + 1, cardinality($5::int[]))]) END`;
};

/** All SQL on `auth_failures`, the failed-credential counters every instance shares (see failure-throttle.ts). */
@Injectable()
export class AuthFailuresRepository {
  constructor(private readonly db: Database) {}

  /** The latest end of a block among `keys` still running at `now`, or null: one indexed statement. */
  async blockedUntil(keys: FailureKey[], now: Date): Promise<Date | null> {
    const rows: { until: Date | null }[] = await this.db.query(
      `SELECT max(f.blocked_until) AS until
         FROM auth_failures f JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(kind, client, credential) USING (kind, client, credential)
        WHERE f.blocked_until > $4 AND f.expires_at > $4`,
      [...keyArrays(keys), now],
    );
    return rows[0]?.until ?? null;
  }

  /**
   * Counts a failure on every key, atomically, unless one of them is blocked at `now`: then nothing is
   * counted. Returns the block the attempt ran into (`wasBlockedUntil`, which makes it a 429) and the
   * latest block the counted failure started (`blockedUntil`). Then prunes a batch of expired counters.
   */
  async record(keys: FailureKey[], now: Date): Promise<{ wasBlockedUntil: Date | null; blockedUntil: Date | null }> {
    const failures = `(CASE WHEN f.expires_at <= $4 THEN 1 ELSE f.failures + 1 END)`;
    const rows: { was_blocked_until: Date | null; blocked_until: Date | null }[] = await this.db.query(
      `WITH keys AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS k(kind, client, credential)
       ), blocked AS (
         SELECT max(f.blocked_until) AS until
           FROM auth_failures f JOIN keys USING (kind, client, credential)
          WHERE f.blocked_until > $4 AND f.expires_at > $4
       ), counted AS (
         INSERT INTO auth_failures AS f (kind, client, credential, failures, blocked_until, expires_at)
         SELECT kind, client, credential, 1, ${blockUntilSql('1', 'credential')}, $4::timestamptz + make_interval(secs => $6::int)
           FROM keys WHERE (SELECT until FROM blocked) IS NULL
         ON CONFLICT (kind, client, credential) DO UPDATE SET
           failures = ${failures},
           blocked_until = ${blockUntilSql(failures, 'f.credential')},
           expires_at = EXCLUDED.expires_at
         RETURNING f.blocked_until
       )
       SELECT (SELECT until FROM blocked) AS was_blocked_until, (SELECT max(blocked_until) FROM counted) AS blocked_until`,
      [...keyArrays(keys), now, backOffSchedule(), FORGET_AFTER_SECONDS, ANY_CREDENTIAL, PER_CLIENT_FAILURES, PER_CREDENTIAL_FAILURES],
    );
    await this.prune(now);
    return { wasBlockedUntil: rows[0].was_blocked_until, blockedUntil: rows[0].blocked_until };
  }

  /** Forgets the failures of one key (a correct password on it). */
  async clear(key: FailureKey): Promise<void> {
    await this.db.query(`DELETE FROM auth_failures WHERE kind = $1 AND client = $2 AND credential = $3`, [key.kind, key.client, key.credential]);
  }

  /**
   * Deletes up to PRUNE_BATCH counters forgotten by `now` (oldest first, by the expires_at index). Rows another
   * failure is counting on right now are skipped (SKIP LOCKED), so pruning never waits and never deadlocks with it.
   */
  private async prune(now: Date): Promise<void> {
    await this.db.query(
      `DELETE FROM auth_failures WHERE (kind, client, credential) IN (
         SELECT kind, client, credential FROM auth_failures WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED
       )`,
      [now, PRUNE_BATCH],
    );
  }
}
