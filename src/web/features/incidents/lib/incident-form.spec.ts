import { createBody, emptyValues, updateBody, valuesOf } from './incident-form';

const incident = {
  title: 'Checkout down', severity: 'SEV2', customerImpact: 'Cannot pay', impactScope: 'some', commander: 'Dana', investigator: null, comms: null, scribe: null,
  owningTeam: 'Payments', exclusionReason: null, services: ['payments-api'], knownCustomersImpacted: [], tags: ['db', 'eu'], excludedFromMetrics: false,
  startedAt: '2026-03-01T09:00:00.000Z', detectedAt: '2026-03-01T09:10:00.000Z', acknowledgedAt: null, investigatingAt: null, identifiedAt: null,
  mitigatedAt: null, resolvedAt: null, retroPrepAt: null, retroDoneAt: null,
};

describe('the incident form', () => {
  it('sends nothing but the version when nothing changed', () => {
    const values = valuesOf(incident);
    expect(updateBody(values, values, 3)).toEqual({ version: 3 });
  });

  it('sends only what changed: instants as ISO, cleared optional fields as null, lists as arrays, the severity with its reason', () => {
    const initial = valuesOf(incident);
    const edited = { ...initial, commander: ' ', tags: 'db', severity: 'SEV1', severityChangeReason: ' More customers ', detectedAt: '', acknowledgedAt: initial.detectedAt };
    expect(updateBody(initial, edited, 3)).toEqual({
      version: 3, commander: null, tags: ['db'], severity: 'SEV1', severityChangeReason: 'More customers', detectedAt: null, acknowledgedAt: '2026-03-01T09:10:00.000Z',
    });
  });

  it('creates with what has a value, always naming title, severity and start (so the API says which is missing)', () => {
    const values = { ...emptyValues(new Date('2026-03-01T09:00:00Z')), title: ' Checkout down ', detectedAt: valuesOf(incident).detectedAt };
    expect(createBody(values)).toEqual({
      title: 'Checkout down', severity: '', startedAt: '2026-03-01T09:00:00.000Z', detectedAt: '2026-03-01T09:10:00.000Z', impactScope: 'unknown', excludedFromMetrics: false,
    });
  });
});
