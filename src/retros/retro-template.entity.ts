import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export interface RetroQuestion {
  /** Stable identifier answers refer to, e.g. `went_well`. */
  key: string;
  prompt: string;
  help?: string;
}

/**
 * A version of a retrospective template. Templates are immutable once written: changing the
 * questions writes the next version, so a submitted retro keeps the questions it was answered against.
 */
@Entity({ name: 'retro_templates' })
@Unique('uq_retro_templates_name_version', ['name', 'version'])
export class RetroTemplate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  questions: RetroQuestion[];

  /** The template new retrospectives use when none is named (one version at most). */
  @Column({ type: 'boolean', default: false })
  isDefault: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
