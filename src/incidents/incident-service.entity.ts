import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Service } from '../services/service.entity.js';
import { Incident } from './incident.entity.js';

/** An incident affected a service (many per incident). */
@Entity({ name: 'incident_services' })
@Index(['serviceId', 'incidentId'])
export class IncidentService {
  @PrimaryColumn({ type: 'uuid' })
  incidentId: string;

  @PrimaryColumn({ type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => Incident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id' })
  incident?: Relation<Incident>;

  @ManyToOne(() => Service, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_id' })
  service?: Relation<Service>;
}
