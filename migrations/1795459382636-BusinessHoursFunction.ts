import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * hindsight_business_seconds(from_at, to_at, working_days, day_start_minute, day_end_minute, time_zone, holidays):
 * businessSecondsBetween() of src/metrics/core/business-hours.ts in SQL, so retro and SLA queries can judge
 * business hours where the rows are (proven equal in test/integration/business-hours-sql.spec.ts).
 *
 * - One working window per local date in `time_zone` from the local date of the earlier instant to that
 *   of the later one (a window never reaches past its own day's local midnight), when the date's ISO
 *   weekday (1 = Monday) is in `working_days` and the date is not in `holidays`.
 * - A window edge is the local wall-clock minute on that date (1440 = next local midnight) turned into
 *   an instant the way luxon does it, with the offset in force at local midnight as the first guess:
 *   a DST change inside the window gives its real elapsed length; an edge skipped by a spring-forward
 *   moves forward by the gap (02:30 → 03:30 in Berlin, as PostgreSQL's AT TIME ZONE also does); an
 *   edge that occurs twice in a fall-back is the earlier instant (PostgreSQL alone would pick the later).
 * - The result is the real elapsed seconds of [from, to) inside the windows, microseconds kept;
 *   from > to gives the negative of the count from to to from.
 *
 * TypeORM ignores functions, so `migration:generate` does not see it.
 */
export class BusinessHoursFunction1795459382636 implements MigrationInterface {
  name = 'BusinessHoursFunction1795459382636';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION hindsight_business_seconds(
        from_at timestamptz, to_at timestamptz, working_days int[], day_start_minute int, day_end_minute int,
        time_zone text, holidays date[]
      ) RETURNS double precision
      LANGUAGE plpgsql STABLE PARALLEL SAFE
      AS $fn$
      DECLARE
        a timestamptz := LEAST(from_at, to_at);
        b timestamptz := GREATEST(from_at, to_at);
        local_day date;
        side int;
        last_day date;
        edge int;
        local_at timestamp;
        o_m interval;
        o2 interval;
        o3 interval;
        utc1 timestamptz;
        utc2 timestamptz;
        window_start timestamptz;
        window_end timestamptz;
        total numeric := 0;
      BEGIN
        IF from_at IS NULL OR to_at IS NULL THEN
          RETURN NULL;
        END IF;
        local_day := (a AT TIME ZONE time_zone)::date;
        last_day := (b AT TIME ZONE time_zone)::date;
        WHILE local_day <= last_day LOOP
          IF extract(isodow FROM local_day)::int = ANY (working_days) AND NOT (local_day = ANY (COALESCE(holidays, '{}'::date[]))) THEN
            -- The UTC offset in force at the day's local midnight (local wall clock minus UTC): luxon's first guess.
            utc1 := local_day::timestamp AT TIME ZONE time_zone;
            o_m := (utc1 AT TIME ZONE time_zone) - (utc1 AT TIME ZONE 'UTC');
            FOR side IN 1..2 LOOP
              edge := CASE side WHEN 1 THEN day_start_minute ELSE day_end_minute END;
              -- luxon's fixOffset(local, guess): keep the guess when it fits, else the offset it lands in when
              -- that fits, else (a local time skipped by a spring-forward) local minus the smaller offset.
              local_at := local_day::timestamp + make_interval(mins => edge);
              utc1 := (local_at - o_m) AT TIME ZONE 'UTC';
              o2 := (utc1 AT TIME ZONE time_zone) - (utc1 AT TIME ZONE 'UTC');
              IF o2 <> o_m THEN
                utc2 := utc1 - (o2 - o_m);
                o3 := (utc2 AT TIME ZONE time_zone) - (utc2 AT TIME ZONE 'UTC');
                utc1 := CASE WHEN o2 = o3 THEN utc2 ELSE (local_at - LEAST(o2, o3)) AT TIME ZONE 'UTC' END;
              END IF;
              IF side = 1 THEN window_start := utc1; ELSE window_end := utc1; END IF;
            END LOOP;
            total := total + GREATEST(0, extract(epoch FROM LEAST(window_end, b) - GREATEST(window_start, a)));
          END IF;
          local_day := local_day + 1;
        END LOOP;
        RETURN (CASE WHEN from_at > to_at THEN -total ELSE total END)::double precision;
      END
      $fn$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION hindsight_business_seconds(timestamptz, timestamptz, int[], int, int, text, date[])`);
  }
}
