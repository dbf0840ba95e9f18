import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ImportRun } from './import-run.entity.js';

export const IMPORT_ISSUE_KINDS = ['rejected', 'flagged', 'shortened'] as const;
export type ImportIssueKind = (typeof IMPORT_ISSUE_KINDS)[number];

/**
 * One record of an import that was rejected (not imported; its original text kept so it can be fixed and
 * imported again), flagged (imported, with a data-quality problem such as milestones out of order) or
 * shortened (imported, with free text cut to the API's length limits; the whole text is in its source payload).
 */
@Entity({ name: 'import_issues' })
@Index(['importId', 'kind', 'record'])
export class ImportIssue {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  importId: string;

  @ManyToOne(() => ImportRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id' })
  importRun?: Relation<ImportRun>;

  @Column({ type: 'text' })
  kind: ImportIssueKind;

  /** 1-based record number in the file. */
  @Column({ type: 'integer' })
  record: number;

  /** 1-based line where the record starts, when the format has lines. */
  @Column({ type: 'integer', nullable: true })
  line: number | null;

  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  /** The field at fault, named as in the source record; null when the record as a whole is unreadable. */
  @Column({ type: 'text', nullable: true })
  field: string | null;

  /** The offending value as text (cut to 1,000 characters). */
  @Column({ type: 'text', nullable: true })
  value: string | null;

  @Column({ type: 'text' })
  message: string;

  /** The record's original text, for rejected records (a flagged or shortened record was imported: none). */
  @Column({ type: 'text', nullable: true })
  raw: string | null;
}
