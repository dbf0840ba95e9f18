import { Injectable } from '@nestjs/common';
import { Database } from '../database/transactions.js';
import { insertRow, updateRow } from '../database/sql.js';
import type { RetroAnswerRow, RetrospectiveRow } from './retro.mapper.js';
import { UUID_PATTERN as UUID } from '../common/uuid.js';

/** Column values of a retrospective as written; keys are column names chosen by the service. */
export type RetrospectiveColumns = Record<string, unknown>;

const SELECT_RETROSPECTIVE = `
  SELECT r.*, t.name AS template_name, t.version AS template_version, t.questions
    FROM retrospectives r
    JOIN retro_templates t ON t.id = r.template_id`;


/** All SQL on retrospectives and their answers. */
@Injectable()
export class RetrospectivesRepository {
  constructor(private readonly db: Database) {}

  /** The retrospective of an incident; `forUpdate` locks it until the transaction ends. */
  async findByIncident(incidentId: string, forUpdate = false): Promise<RetrospectiveRow | null> {
    const rows: RetrospectiveRow[] = await this.db.query(
      `${SELECT_RETROSPECTIVE} WHERE r.incident_id = $1${forUpdate ? ' FOR UPDATE OF r' : ''}`,
      [incidentId],
    );
    return rows[0] ?? null;
  }

  /**
   * The incident a retrospective belongs to, or null when there is no such retrospective. Holds a
   * `FOR KEY SHARE` lock so it cannot be deleted before the caller's reference to it is written.
   */
  async findIncidentId(id: string): Promise<string | null> {
    if (!UUID.test(id)) return null;
    const rows: { incident_id: string }[] = await this.db.query(`SELECT incident_id FROM retrospectives WHERE id = $1 FOR KEY SHARE`, [id]);
    return rows[0]?.incident_id ?? null;
  }

  /** The new id, or null when the incident already has a retrospective (one per incident, enforced by a unique key). */
  async insert(columns: RetrospectiveColumns): Promise<string | null> {
    return insertRow(this.db.manager, 'retrospectives', columns, { versioned: true, onConflict: 'ON CONFLICT (incident_id) DO NOTHING' });
  }

  /** Writes the changed columns and bumps the version. */
  async update(id: string, columns: RetrospectiveColumns): Promise<void> {
    await updateRow(this.db.manager, 'retrospectives', id, columns, { versioned: true });
  }

  answers(retrospectiveId: string): Promise<RetroAnswerRow[]> {
    return this.db.query(`SELECT question_key, answer FROM retro_answers WHERE retrospective_id = $1`, [retrospectiveId]);
  }

  /** Inserts or replaces the answers to the given questions; other answers stay. */
  async upsertAnswers(retrospectiveId: string, answers: { questionKey: string; answer: string }[]): Promise<void> {
    if (answers.length === 0) return;
    await this.db.query(
      `INSERT INTO retro_answers (retrospective_id, question_key, answer)
       SELECT $1, k, a FROM unnest($2::text[], $3::text[]) AS x(k, a)
       ON CONFLICT (retrospective_id, question_key) DO UPDATE SET answer = EXCLUDED.answer, updated_at = now()`,
      [retrospectiveId, answers.map((a) => a.questionKey), answers.map((a) => a.answer)],
    );
  }

  async deleteAnswers(retrospectiveId: string, questionKeys: string[]): Promise<void> {
    if (questionKeys.length === 0) return;
    await this.db.query(`DELETE FROM retro_answers WHERE retrospective_id = $1 AND question_key = ANY($2::text[])`, [retrospectiveId, questionKeys]);
  }
}
