import { randomUUID } from 'node:crypto';
import type { NewIncident } from '../incidents/incident-writer.service.js';
import type { SeverityChangeRow } from '../incidents/incident-writes.repository.js';
import type { RankedSeverity } from '../incidents/severity-peak.js';
import type { DemoData, SeverityKey } from './demo-data.generator.js';

export interface DemoColumn {
  name: string;
  /** PostgreSQL type of the column. Array columns (`text[]`) travel as jsonb, one JSON array per row. */
  type: 'uuid' | 'text' | 'integer' | 'boolean' | 'timestamptz' | 'date' | 'jsonb' | 'text[]';
}

/** Rows of one table, with its column names and types. */
export interface DemoTable {
  name: string;
  columns: DemoColumn[];
  rows: unknown[][];
}

/** The default retrospective template: its id and the question keys it asks. */
export interface DemoTemplate {
  id: string;
  questionKeys: Set<string>;
}

/** Demo data as rows to write, in the order they are written. */
export interface DemoRows {
  teams: DemoTable;
  services: DemoTable;
  /** Keys as generated; created with their own history (`declared: null`), written as `severityChanges`. */
  incidents: NewIncident[];
  severityChanges: SeverityChangeRow[];
  /** Timeline entries, retrospectives, their answers, action items. */
  after: DemoTable[];
}

const col = (name: string, type: DemoColumn['type']): DemoColumn => ({ name, type });

/**
 * The rows of demo data, with fresh ids linking them: the incidents (with their severity history) for
 * IncidentWriter, and every other table's rows for DemoDataRepository — teams and services before the
 * incidents, the rest after. Pure.
 */
export function toDemoRows(data: DemoData, severity: Record<SeverityKey, RankedSeverity>, template: DemoTemplate | null): DemoRows {
  const lookup = <T>(map: Map<string, T>, what: string) => (name: string): T => {
    const value = map.get(name);
    if (value === undefined) throw new Error(`demo data refers to an unknown ${what} "${name}"`);
    return value;
  };
  const teamIds = new Map(data.teams.map((t) => [t.name, randomUUID()]));
  const serviceIds = new Map(data.services.map((s) => [s.name, randomUUID()]));
  const incidentIds = new Map(data.incidents.map((i) => [i.key, randomUUID()]));
  const retroIds = new Map(data.retrospectives.map((r) => [r.incidentKey, randomUUID()]));
  const teamId = lookup(teamIds, 'team');
  const serviceId = lookup(serviceIds, 'service');
  const incidentId = lookup(incidentIds, 'incident');
  const retroId = lookup(retroIds, 'retrospective of incident');
  const latest = (...dates: (Date | null)[]) => new Date(Math.max(...dates.filter((d): d is Date => d !== null).map((d) => d.getTime())));

  const [teams, services, ...after] = [
    {
      name: 'teams',
      columns: [col('id', 'uuid'), col('name', 'text'), col('description', 'text'), col('paging_schedule_url', 'text')],
      rows: data.teams.map((t) => [teamId(t.name), t.name, t.description, t.pagingScheduleUrl]),
    },
    {
      name: 'services',
      columns: [
        col('id', 'uuid'), col('name', 'text'), col('kind', 'text'), col('functionality', 'text'), col('owning_team_id', 'uuid'),
        col('paging_schedule_url', 'text'), col('support_url', 'text'), col('status_page_url', 'text'),
      ],
      rows: data.services.map((s) => [
        serviceId(s.name), s.name, s.kind, s.functionality, teamId(s.owningTeam), s.pagingScheduleUrl, s.supportUrl, s.statusPageUrl,
      ]),
    },
    {
      name: 'timeline_entries',
      columns: [
        col('incident_id', 'uuid'), col('occurred_at', 'timestamptz'), col('kind', 'text'), col('author', 'text'), col('body', 'text'),
        col('created_at', 'timestamptz'), col('updated_at', 'timestamptz'),
      ],
      rows: data.timeline.map((e) => [incidentId(e.incidentKey), e.occurredAt, e.kind, e.author, e.body, e.occurredAt, e.occurredAt]),
    },
    {
      name: 'retrospectives',
      columns: [
        col('id', 'uuid'), col('incident_id', 'uuid'), col('template_id', 'uuid'), col('facilitator', 'text'), col('attendees', 'text[]'),
        col('scheduled_at', 'timestamptz'), col('held_at', 'timestamptz'), col('status', 'text'), col('submitted_at', 'timestamptz'),
        col('version', 'integer'), col('created_at', 'timestamptz'), col('updated_at', 'timestamptz'),
      ],
      rows: data.retrospectives.map((r) => [
        retroId(r.incidentKey), incidentId(r.incidentKey), template!.id, r.facilitator, r.attendees, r.scheduledAt, r.heldAt, r.status,
        r.submittedAt, 1, r.createdAt, latest(r.createdAt, r.heldAt, r.submittedAt),
      ]),
    },
    {
      name: 'retro_answers',
      columns: [col('retrospective_id', 'uuid'), col('question_key', 'text'), col('answer', 'text'), col('updated_at', 'timestamptz')],
      // Only questions the default template asks: an organisation may have changed it.
      rows: data.retrospectives.flatMap((r) =>
        r.answers
          .filter((a) => template!.questionKeys.has(a.questionKey))
          .map((a) => [retroId(r.incidentKey), a.questionKey, a.answer, latest(r.createdAt, r.heldAt, r.submittedAt)]),
      ),
    },
    {
      name: 'action_items',
      columns: [
        col('incident_id', 'uuid'), col('retrospective_id', 'uuid'), col('title', 'text'), col('description', 'text'), col('owner', 'text'),
        col('team_id', 'uuid'), col('priority', 'text'), col('due_date', 'date'), col('status', 'text'), col('completed_at', 'timestamptz'),
        col('external_url', 'text'), col('version', 'integer'), col('created_at', 'timestamptz'), col('updated_at', 'timestamptz'),
      ],
      rows: data.actionItems.map((a) => [
        incidentId(a.incidentKey), a.fromRetrospective ? retroId(a.incidentKey) : null, a.title, a.description, a.owner, teamId(a.team),
        a.priority, a.dueDate, a.status, a.completedAt, a.externalUrl, 1, a.createdAt, latest(a.createdAt, a.completedAt),
      ]),
    },
  ];
  const incidents = data.incidents.map((i): NewIncident => ({
    id: incidentId(i.key), key: i.key,
    fields: {
      title: i.title, functionality: i.functionality, state: i.state, audience: i.audience, customerImpact: i.customerImpact,
      impactScope: i.impactScope, knownCustomersImpacted: i.knownCustomersImpacted, commander: i.commander, investigator: i.investigator,
      comms: i.comms, scribe: i.scribe, tags: i.tags, excludedFromMetrics: i.excludedFromMetrics, exclusionReason: i.exclusionReason,
      startedAt: i.startedAt, detectedAt: i.detectedAt, acknowledgedAt: i.acknowledgedAt, investigatingAt: i.investigatingAt,
      identifiedAt: i.identifiedAt, mitigatedAt: i.mitigatedAt, resolvedAt: i.resolvedAt, retroPrepAt: i.retroPrepAt, retroDoneAt: i.retroDoneAt,
    },
    severity: severity[i.severity], sourcePeak: severity[i.peakSeverity], owningTeamId: teamId(i.owningTeam), serviceIds: i.services.map(serviceId),
    source: i.source, externalId: null, sourcePayload: null, declared: null,
    createdAt: i.createdAt, updatedAt: latest(i.createdAt, i.mitigatedAt, i.resolvedAt, i.retroPrepAt, i.retroDoneAt),
  }));
  const severityChanges = data.severityChanges.map((c): SeverityChangeRow => ({
    incidentId: incidentId(c.incidentKey), fromSeverityId: c.from ? severity[c.from].id : null, toSeverityId: severity[c.to].id,
    changedAt: c.changedAt, changedBy: c.changedBy, reason: c.reason, createdAt: c.changedAt,
  }));
  return { teams, services, incidents, severityChanges, after };
}

