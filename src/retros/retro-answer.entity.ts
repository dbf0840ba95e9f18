import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Retrospective } from './retrospective.entity.js';

/** The answer to one template question in one retrospective. */
@Entity({ name: 'retro_answers' })
export class RetroAnswer {
  @PrimaryColumn({ type: 'uuid' })
  retrospectiveId: string;

  @PrimaryColumn({ type: 'text' })
  questionKey: string;

  @ManyToOne(() => Retrospective, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'retrospective_id' })
  retrospective?: Relation<Retrospective>;

  @Column({ type: 'text' })
  answer: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
