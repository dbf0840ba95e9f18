import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Default severity levels (seed 001 "Severity") and the default retrospective template (seed 001
 * agenda plus seed 003's questions). Update cadences 30 min / 1 h / 3 h are seed 001's; the other
 * targets are starting points every organisation should tune (PATCH /api/v1/severity-levels/:key).
 * Idempotent, and its down keeps rows still in use, so a revert and re-apply never fails.
 */
export class SeedDefaults1795455156271 implements MigrationInterface {
  name = 'SeedDefaults1795455156271';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const minutes = 60;
    const hours = 60 * minutes;
    const levels = [
      ['SEV1', 'Major incident', 'Customer SLA breached or about to be; core functionality unavailable; customer data lost or appears lost.', 1, 15 * minutes, 4 * hours, 24 * hours, 30 * minutes, 48],
      ['SEV2', 'Minor incident', 'A customer SLA will be breached before the next business day; performance degraded or non-critical functionality unavailable.', 2, 30 * minutes, 8 * hours, 72 * hours, 1 * hours, 48],
      ['SEV3', 'Investigation', 'Non-critical functionality broken but not significantly detrimental to the customer experience.', 3, 4 * hours, 72 * hours, 14 * 24 * hours, 3 * hours, 48],
    ];
    for (const level of levels) {
      await queryRunner.query(
        `INSERT INTO severity_levels (key, name, description, rank, ack_target_seconds, mitigate_target_seconds, resolve_target_seconds, update_cadence_seconds, retro_due_business_hours, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)
         ON CONFLICT (key) DO NOTHING`,
        level,
      );
    }
    const questions = [
      { key: 'customer_impact', prompt: 'What was the final assessment of customer impact?' },
      { key: 'went_well', prompt: 'What went well?' },
      { key: 'could_be_improved', prompt: 'What could be improved?' },
      { key: 'got_lucky', prompt: 'Where did we get lucky?' },
      { key: 'wrong_about', prompt: 'What were we wrong about?' },
      { key: 'learned', prompt: 'What did we learn?' },
      { key: 'could_have_prevented', prompt: 'What could have prevented this, or made it less severe?' },
    ];
    await queryRunner.query(
      `INSERT INTO retro_templates (name, version, questions, is_default) VALUES ('Blameless retrospective', 1, $1::jsonb, true)
       ON CONFLICT (name, version) DO NOTHING`,
      [JSON.stringify(questions)],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM retro_templates WHERE name = 'Blameless retrospective' AND version = 1 AND NOT EXISTS (SELECT 1 FROM retrospectives r WHERE r.template_id = retro_templates.id)`);
    await queryRunner.query(`DELETE FROM severity_levels s WHERE key IN ('SEV1', 'SEV2', 'SEV3') AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.severity_id = s.id OR i.peak_severity_id = s.id)`);
  }
}
