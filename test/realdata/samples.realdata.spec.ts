import { mapGcpIncident } from '../../src/imports/formats/gcp.mapper.js';
import { mapStatuspageIncident, STATUSPAGE_RECORDS_KEY } from '../../src/imports/formats/statuspage.mapper.js';
import { describeWithShared, readSharedJson } from '../support/realdata.js';

/**
 * The mappers on the two real samples of ../shared/samples/ (githubstatus.com's `/api/v2/incidents.json`
 * trimmed to four incidents, status.cloud.google.com/incidents.json trimmed to three), each record's fields
 * and timeline checked by hand. The repository holds no copy of them: the mapper unit tests
 * (src/imports/formats/{statuspage,gcp}.mapper.spec.ts) run the same checks on fixtures written for them.
 */
const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describeWithShared('samples', 'mapStatuspageIncident on the githubstatus.com sample', () => {
  const sample = readSharedJson<Record<string, unknown>>('samples', 'statuspage-incidents.sample.json');
  const sampleIncidents = sample[STATUSPAGE_RECORDS_KEY] as Record<string, unknown>[];
  const sampleById = (id: string) => sampleIncidents.find((incident) => incident.id === id)!;
  const map = (record: unknown) => mapStatuspageIncident(record, {});

  it('names the wrapper key the reader splits on', () => {
    expect(STATUSPAGE_RECORDS_KEY).toBe('incidents');
    expect(sampleIncidents).toHaveLength(4);
  });

  it.each(sampleIncidents.map((record) => [record.id as string, record]))('%s maps with the invariants every record keeps', (_id, record) => {
    const mapped = map(record);
    const updates = record.incident_updates as unknown[];
    expect(mapped.externalId).toBe(record.id);
    expect(mapped.fields.title).toBe(record.name);
    expect(mapped.sourcePayload).toBe(record);
    expect(['SEV1', 'SEV2', 'SEV3']).toContain(mapped.fields.severity);
    expect(mapped.fields.detectedAt).toBe(new Date(record.created_at as string).toISOString());
    expect(Date.parse(mapped.fields.startedAt)).toBeLessThanOrEqual(Date.parse(mapped.fields.detectedAt!));
    expect(mapped.fields.resolvedAt).toBe(new Date(record.resolved_at as string).toISOString());
    for (const instant of [mapped.fields.startedAt, mapped.fields.investigatingAt, mapped.fields.mitigatedAt]) expect(instant).toMatch(ISO_Z);
    expect(new Set(mapped.fields.services).size).toBe(mapped.fields.services!.length);
    expect(mapped.timeline).toHaveLength(updates.length);
    for (const entry of mapped.timeline) {
      expect(entry).toMatchObject({ kind: 'status_update', author: null });
      expect(entry.occurredAt).toMatch(ISO_Z);
    }
    const times = mapped.timeline.map((entry) => Date.parse(entry.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it.each([
    ['pzqn9rnw81mq', {
      title: 'Incident with GitHub Actions', severity: 'SEV3',
      startedAt: '2022-03-30T16:21:32.497Z', detectedAt: '2022-03-30T16:21:32.506Z', investigatingAt: '2022-03-30T16:21:32.551Z',
      identifiedAt: null, mitigatedAt: '2022-03-30T19:20:01.920Z', resolvedAt: '2022-03-30T19:20:01.920Z', services: ['Actions'],
    }, 3, 'investigating: We are investigating reports of degraded performance for GitHub Actions.', 'resolved: This incident has been resolved.'],
    ['3nrmdrmgqxp3', {
      title: 'Incident with GitHub Actions', severity: 'SEV2',
      startedAt: '2022-03-29T10:26:11.885Z', detectedAt: '2022-03-29T10:26:11.892Z', investigatingAt: '2022-03-29T10:26:11.928Z',
      identifiedAt: null, mitigatedAt: '2022-03-29T11:23:31.727Z', resolvedAt: '2022-03-29T11:23:31.727Z', services: ['Actions'],
    }, 5, 'investigating: We are investigating reports of degraded availability for GitHub Actions.', 'resolved: This incident has been resolved.'],
    ['5jfkz8q1mlql', {
      title: 'Incident with Codespaces', severity: 'SEV3',
      startedAt: '2022-03-26T01:43:14.818Z', detectedAt: '2022-03-26T01:43:14.826Z', investigatingAt: '2022-03-26T01:43:14.872Z',
      identifiedAt: null, mitigatedAt: '2022-03-26T03:35:00.692Z', resolvedAt: '2022-03-26T03:35:00.692Z', services: ['Codespaces'],
    }, 4, 'investigating: We are investigating reports of degraded performance for Codespaces.', 'resolved: This incident has been resolved.'],
    ['xvk42jkm6fzk', {
      title: 'Errors on the GitHub Dashboard', severity: 'SEV3',
      startedAt: '2022-01-28T00:50:29.158Z', detectedAt: '2022-01-28T00:50:29.166Z', investigatingAt: '2022-01-28T00:50:29.207Z',
      identifiedAt: null, mitigatedAt: '2022-01-28T01:57:45.932Z', resolvedAt: '2022-01-28T02:10:07.243Z', services: [],
    }, 4, 'investigating: We are investigating errors on the GitHub dashboard.', 'resolved: This incident has been resolved'],
  ])('%s gives the hand-checked fields and timeline', (id, fields, entries, firstBody, lastBody) => {
    const mapped = map(sampleById(id));
    expect(mapped.externalId).toBe(id);
    expect(mapped.fields).toEqual(fields);
    expect(mapped.timeline).toHaveLength(entries);
    expect(mapped.timeline[0].body).toBe(firstBody);
    expect(mapped.timeline[0].occurredAt).toBe(fields.investigatingAt);
    expect(mapped.timeline.at(-1)!.body).toBe(lastBody);
    expect(mapped.timeline.at(-1)!.occurredAt).toBe(fields.resolvedAt);
  });
});

describeWithShared('samples', 'mapGcpIncident on the status.cloud.google.com sample', () => {
  const sampleIncidents = readSharedJson<Record<string, unknown>[]>('samples', 'gcp-incidents.sample.json');
  const sampleById = (id: string) => sampleIncidents.find((incident) => incident.id === id)!;
  const map = (record: unknown) => mapGcpIncident(record, {});

  it('holds the three sample incidents', () => {
    expect(sampleIncidents.map((record) => record.id)).toEqual(['TaA75H7XA1DQyM2ReK2f', 'mDY7jN545et9XUV541MZ', 'sPyYB214xAhqnoxNrrnW']);
  });

  it.each(sampleIncidents.map((record) => [record.id as string, record]))('%s maps with the invariants every record keeps', (_id, record) => {
    const mapped = map(record);
    const updates = record.updates as unknown[];
    expect(mapped.externalId).toBe(record.id);
    expect(mapped.fields.title).toBe(record.external_desc);
    expect(mapped.sourcePayload).toBe(record);
    expect(['SEV1', 'SEV2', 'SEV3']).toContain(mapped.fields.severity);
    expect(mapped.fields.startedAt).toBe(new Date(record.begin as string).toISOString());
    expect(mapped.fields.detectedAt).toBe(new Date(record.created as string).toISOString());
    expect(mapped.fields.resolvedAt).toBe(new Date(record.end as string).toISOString());
    expect(mapped.fields.mitigatedAt).toBe(mapped.fields.resolvedAt);
    expect(mapped.fields.services!.length).toBeGreaterThan(0);
    expect(new Set(mapped.fields.services).size).toBe(mapped.fields.services!.length);
    expect(mapped.timeline).toHaveLength(updates.length);
    for (const entry of mapped.timeline) {
      expect(entry).toMatchObject({ kind: 'status_update', author: null });
      expect(entry.occurredAt).toMatch(ISO_Z);
    }
    const times = mapped.timeline.map((entry) => Date.parse(entry.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeLessThan(times.at(-1)!);
  });

  it.each([
    ['TaA75H7XA1DQyM2ReK2f', {
      title: '[Google BigQuery] Lower throughput from the Read API', severity: 'SEV3',
      startedAt: '2022-07-01T13:37:44.000Z', detectedAt: '2022-07-01T14:05:02.000Z',
      mitigatedAt: '2022-07-01T19:25:45.000Z', resolvedAt: '2022-07-01T19:25:45.000Z', services: ['Google BigQuery'],
    }, 5, '2022-07-01T14:04:53.000Z', 'SERVICE_INFORMATION: Summary: [Google BigQuery] Lower throughput from the Read API\nDescription: We are experiencing an issue with Google BigQuery.',
    '2022-07-01T19:25:45.000Z', 'AVAILABLE: The issue with Google BigQuery has been resolved for all affected users as of Friday, 2022-07-01 12:23 US/Pacific.\nWe thank you for your patience while we worked on resolving the issue.'],
    ['mDY7jN545et9XUV541MZ', {
      title: 'Intermittent Cloud Composer creation failures in select regions and elevated error rates during Cloud SQL instance creation.', severity: 'SEV3',
      startedAt: '2022-06-30T18:12:00.000Z', detectedAt: '2022-06-30T18:45:06.000Z',
      mitigatedAt: '2022-07-01T02:15:28.000Z', resolvedAt: '2022-07-01T02:15:28.000Z', services: ['Google Cloud Composer', 'Google Cloud SQL'],
    }, 5, '2022-06-30T18:45:05.000Z', 'SERVICE_INFORMATION: Summary: Intermittent Cloud Composer creation failures in select regions\nDescription:',
    '2022-07-01T02:15:28.000Z', 'AVAILABLE: We experienced an issue with Google Cloud Composer, Google Cloud SQL beginning at Thursday, 2022-06-28 09:00 US/Pacific.'],
    ['sPyYB214xAhqnoxNrrnW', {
      title: 'Global: Apigee X is experiencing issues with integrated portals and API Monitoring.', severity: 'SEV2',
      startedAt: '2022-06-29T20:54:00.000Z', detectedAt: '2022-06-29T22:14:46.000Z',
      mitigatedAt: '2022-06-29T22:59:00.000Z', resolvedAt: '2022-06-29T22:59:00.000Z', services: ['Apigee'],
    }, 4, '2022-06-29T22:14:41.000Z', 'SERVICE_DISRUPTION: Summary: Global: Apigee X is experiencing issues with integrated portals.\nDescription:',
    '2022-06-30T18:13:17.000Z', 'AVAILABLE: We apologize for the inconvenience this service disruption/outage may have caused.'],
  ])('%s gives the hand-checked fields and timeline', (id, fields, entries, firstAt, firstBody, lastAt, lastBody) => {
    const mapped = map(sampleById(id));
    expect(mapped.externalId).toBe(id);
    expect(mapped.fields).toEqual(fields);
    expect(mapped.timeline).toHaveLength(entries);
    expect(mapped.timeline[0].occurredAt).toBe(firstAt);
    expect(mapped.timeline[0].body.startsWith(firstBody)).toBe(true);
    expect(mapped.timeline.at(-1)!.occurredAt).toBe(lastAt);
    expect(mapped.timeline.at(-1)!.body.startsWith(lastBody)).toBe(true);
  });
});
