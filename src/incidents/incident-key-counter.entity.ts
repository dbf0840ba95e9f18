import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Last sequence number used for incident keys of a year (`INC-<year>-<seq>`). */
@Entity({ name: 'incident_key_counters' })
export class IncidentKeyCounter {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  lastSeq: number;
}
