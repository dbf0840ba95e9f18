import { DEFAULT_BUSINESS_CALENDAR } from '../config/config.js';
import { findOrderViolation, MILESTONES } from '../incidents/milestones.js';
import { addBusinessSeconds } from '../metrics/core/business-hours.js';
import {
  generateDemoData, RETRO_QUESTION_KEYS, summarizeDemoData, type DemoData, type DemoIncident, type SeverityKey,
} from './demo-data.generator.js';

/** Business hours on the calendar demo data uses by default: the service's own default. */
const addBusinessHours = (from: Date, hours: number) => addBusinessSeconds(from, hours * 3600, DEFAULT_BUSINESS_CALENDAR);

const END = new Date('2026-11-23T12:00:00Z');
const OPTIONS = { seed: 42, incidents: 600, months: 24, end: END };
const MINUTE = 60_000;
const CADENCE: Record<SeverityKey, number> = { SEV1: 30 * MINUTE, SEV2: 60 * MINUTE, SEV3: 180 * MINUTE };
const RANK: Record<SeverityKey, number> = { SEV1: 1, SEV2: 2, SEV3: 3 };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.floor((s.length - 1) / 2)] + s[Math.ceil((s.length - 1) / 2)]) / 2;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const share = <T>(items: T[], test: (item: T) => boolean) => items.filter(test).length / items.length;
const interval = (incidents: DemoIncident[], from: keyof DemoIncident, to: keyof DemoIncident) =>
  incidents.filter((i) => i[from] && i[to]).map((i) => (i[to] as Date).getTime() - (i[from] as Date).getTime());

/** Every timestamp in the data set, with where it came from. */
function allTimestamps(data: DemoData): [string, Date][] {
  const stamps: [string, Date | null][] = [
    ...data.incidents.flatMap((i) => [...MILESTONES, 'createdAt' as const].map((m) => [`${i.key}.${m}`, i[m]] as [string, Date | null])),
    ...data.severityChanges.map((c) => [`${c.incidentKey} severity change`, c.changedAt] as [string, Date]),
    ...data.timeline.map((e) => [`${e.incidentKey} ${e.kind}`, e.occurredAt] as [string, Date]),
    ...data.retrospectives.flatMap((r) =>
      (['scheduledAt', 'heldAt', 'submittedAt', 'createdAt'] as const).map((f) => [`${r.incidentKey} retro ${f}`, r[f]] as [string, Date | null])),
    ...data.actionItems.flatMap((a) => [[`${a.incidentKey} action item created`, a.createdAt], [`${a.incidentKey} action item completed`, a.completedAt]] as [string, Date | null][]),
  ];
  return stamps.filter((s): s is [string, Date] => s[1] !== null);
}

describe('generateDemoData', () => {
  let data: DemoData;
  beforeAll(() => {
    data = generateDemoData(OPTIONS);
  });

  it('is deterministic: the same options give deep-equal data', () => {
    expect(generateDemoData({ ...OPTIONS, end: new Date(END) })).toEqual(data);
  });

  it('gives different data for a different seed', () => {
    const other = generateDemoData({ ...OPTIONS, seed: 43 });
    expect(other.incidents.map((i) => i.startedAt.getTime())).not.toEqual(data.incidents.map((i) => i.startedAt.getTime()));
    expect(other.incidents.map((i) => i.title)).not.toEqual(data.incidents.map((i) => i.title));
  });

  it('describes five teams with paging links and the ownership table with vendors', () => {
    expect(data.teams.map((t) => t.name)).toEqual(['Payments', 'Identity', 'Platform', 'Data', 'Mobile']);
    for (const team of data.teams) expect(team.pagingScheduleUrl).toMatch(/^https:\/\/\S+$/);
    const internal = data.services.filter((s) => s.kind === 'internal');
    const vendors = data.services.filter((s) => s.kind === 'vendor');
    expect(internal.length).toBeGreaterThanOrEqual(10);
    expect(internal.length).toBeLessThanOrEqual(14);
    expect(vendors.length).toBeGreaterThanOrEqual(1);
    expect(vendors.length).toBeLessThanOrEqual(2);
    for (const service of internal) {
      expect(service.functionality).not.toBe('');
      expect(service.pagingScheduleUrl).toMatch(/^https:\/\//);
    }
    for (const vendor of vendors) {
      expect(vendor.supportUrl).toMatch(/^https:\/\//);
      expect(vendor.statusPageUrl).toMatch(/^https:\/\//);
    }
    const teamNames = new Set(data.teams.map((t) => t.name));
    for (const service of data.services) expect(teamNames).toContain(service.owningTeam);
    expect(new Set(data.services.map((s) => s.name)).size).toBe(data.services.length);
  });

  it('generates the number of incidents asked for, skewed toward SEV3 (≈10/30/60%)', () => {
    expect(data.incidents).toHaveLength(600);
    const peakShare = (key: SeverityKey) => share(data.incidents, (i) => i.peakSeverity === key);
    expect(Math.abs(peakShare('SEV1') - 0.1)).toBeLessThan(0.04);
    expect(Math.abs(peakShare('SEV2') - 0.3)).toBeLessThan(0.05);
    expect(Math.abs(peakShare('SEV3') - 0.6)).toBeLessThan(0.06);
    expect(generateDemoData({ ...OPTIONS, incidents: 37 }).incidents).toHaveLength(37);
  });

  it('keeps every incident’s milestones in lifecycle order, for several seeds', () => {
    for (const seed of [42, 1, 2, 3, 4, 5]) {
      const set = seed === 42 ? data : generateDemoData({ ...OPTIONS, seed, incidents: 300 });
      for (const incident of set.incidents) {
        expect({ key: incident.key, violation: findOrderViolation(incident) }).toEqual({ key: incident.key, violation: null });
      }
    }
  });

  it('puts every timestamp inside [end − months, end]', () => {
    const start = new Date('2024-11-23T12:00:00Z').getTime();
    const stamps = allTimestamps(data);
    expect(stamps.length).toBeGreaterThan(5000);
    const outside = stamps.filter(([, at]) => at.getTime() < start || at.getTime() > END.getTime());
    expect(outside).toEqual([]);
    expect(data.window).toEqual({ start: new Date(start), end: END });
    // Spread over the whole window, not bunched at one end.
    const firstHalf = share(data.incidents, (i) => i.startedAt.getTime() < (start + END.getTime()) / 2);
    expect(firstHalf).toBeGreaterThan(0.35);
    expect(firstHalf).toBeLessThan(0.6);
  });

  it('draws durations from heavy-tailed distributions: mean above median, faster for higher severities', () => {
    const medians: Record<string, number> = {};
    for (const key of ['SEV1', 'SEV2', 'SEV3'] as const) {
      const incidents = data.incidents.filter((i) => i.peakSeverity === key);
      const ttr = interval(incidents, 'startedAt', 'resolvedAt');
      expect(mean(ttr)).toBeGreaterThan(median(ttr) * 1.2);
      medians[key] = median(ttr);
      const tta = interval(incidents, 'detectedAt', 'acknowledgedAt');
      expect(mean(tta)).toBeGreaterThan(median(tta));
    }
    expect(medians.SEV1).toBeLessThan(medians.SEV2);
    expect(medians.SEV2).toBeLessThan(medians.SEV3);
  });

  it('detects faster over time, so period-over-period charts show an improvement', () => {
    const third = (END.getTime() - data.window.start.getTime()) / 3;
    const ttd = (from: number, to: number) =>
      median(interval(data.incidents.filter((i) => i.startedAt.getTime() >= from && i.startedAt.getTime() < to), 'startedAt', 'detectedAt'));
    const first = ttd(data.window.start.getTime(), data.window.start.getTime() + third);
    const last = ttd(END.getTime() - third, END.getTime());
    expect(last).toBeLessThan(first * 0.8);
  });

  it('numbers keys INC-<year>-<seq> per year of startedAt, in start order, unique, with matching counters', () => {
    const keys = data.incidents.map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    const byYear = new Map<number, DemoIncident[]>();
    for (const incident of data.incidents) {
      const year = incident.startedAt.getUTCFullYear();
      byYear.set(year, [...(byYear.get(year) ?? []), incident]);
    }
    for (const [year, incidents] of byYear) {
      const sorted = [...incidents].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
      expect(sorted.map((i) => i.key)).toEqual(sorted.map((_, n) => `INC-${year}-${String(n + 1).padStart(4, '0')}`));
    }
    expect(data.keyCounters).toEqual([...byYear].map(([year, incidents]) => ({ year, lastSeq: incidents.length })).sort((a, b) => a.year - b.year));
    expect(data.incidents.every((i) => i.source === 'hindsight')).toBe(true);
  });

  it('resolves every team, service and incident reference; the owning team owns the first service', () => {
    const teams = new Set(data.teams.map((t) => t.name));
    const services = new Map(data.services.map((s) => [s.name, s]));
    const incidents = new Set(data.incidents.map((i) => i.key));
    for (const incident of data.incidents) {
      expect(incident.services.length).toBeGreaterThanOrEqual(1);
      expect(incident.services.length).toBeLessThanOrEqual(3);
      expect(new Set(incident.services).size).toBe(incident.services.length);
      for (const name of incident.services) expect(services.has(name)).toBe(true);
      expect(incident.owningTeam).toBe(services.get(incident.services[0])!.owningTeam);
      expect(teams).toContain(incident.owningTeam);
    }
    const rows = [...data.severityChanges, ...data.timeline, ...data.retrospectives, ...data.actionItems];
    expect(rows.filter((row) => !incidents.has(row.incidentKey))).toEqual([]);
    expect(data.actionItems.filter((item) => !teams.has(item.team))).toEqual([]);
    expect(new Set(data.retrospectives.map((r) => r.incidentKey)).size).toBe(data.retrospectives.length);
  });

  it('names incidents "{functionality} is {state} for {audience}" and fills impact and roles', () => {
    for (const incident of data.incidents) {
      expect(incident.title).toBe(`${incident.excludedFromMetrics ? 'Game day: ' : ''}${incident.functionality} is ${incident.state} for ${incident.audience}`);
      expect(incident.customerImpact.length).toBeGreaterThan(20);
      expect(['unknown', 'all', 'some', 'few']).toContain(incident.impactScope);
      expect(incident.commander).toBeTruthy();
      expect(incident.investigator).toBeTruthy();
      expect(incident.tags.length).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(data.incidents.map((i) => i.title)).size).toBeGreaterThan(200);
    expect(data.incidents.some((i) => i.knownCustomersImpacted.length > 0)).toBe(true);
  });

  it('records severity history: declared at the start, escalations up to the peak, one timeline entry per change', () => {
    let escalated = 0;
    for (const incident of data.incidents) {
      const changes = data.severityChanges.filter((c) => c.incidentKey === incident.key);
      expect(changes[0]).toMatchObject({ from: null, changedAt: incident.startedAt });
      for (let i = 1; i < changes.length; i += 1) {
        expect(changes[i].from).toBe(changes[i - 1].to);
        expect(changes[i].changedAt.getTime()).toBeGreaterThanOrEqual(changes[i - 1].changedAt.getTime());
      }
      const peak = changes.map((c) => c.to).sort((a, b) => RANK[a] - RANK[b])[0];
      expect(incident.peakSeverity).toBe(peak);
      expect(incident.severity).toBe(changes.at(-1)!.to);
      if (RANK[changes[0].to] > RANK[peak]) escalated += 1;
      const entries = data.timeline.filter((e) => e.incidentKey === incident.key && e.kind === 'severity_change');
      expect(entries.map((e) => e.body)).toEqual(changes.slice(1).map((c) => `Severity changed from ${c.from} to ${c.to}: ${c.reason}`));
    }
    expect(escalated).toBeGreaterThan(20);
  });

  it('leaves some milestones out, keeps a few incidents open at the end and excludes game days', () => {
    const noAck = share(data.incidents, (i) => !i.acknowledgedAt);
    expect(noAck).toBeGreaterThan(0.04);
    expect(noAck).toBeLessThan(0.13);
    const noIdentified = share(data.incidents, (i) => !i.identifiedAt);
    expect(noIdentified).toBeGreaterThan(0.22);
    expect(noIdentified).toBeLessThan(0.38);
    const open = data.incidents.filter((i) => !i.mitigatedAt && !i.resolvedAt);
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(open.some((i) => END.getTime() - i.startedAt.getTime() < 2 * 24 * 60 * MINUTE)).toBe(true);
    const gameDays = data.incidents.filter((i) => i.excludedFromMetrics);
    expect(gameDays.length).toBeGreaterThanOrEqual(3);
    for (const gameDay of gameDays) {
      expect(gameDay.exclusionReason).toMatch(/Game day/);
      expect(gameDay.tags).toContain('game-day');
    }
  });

  it('posts status updates at about the cadence of the severity in force while open, with some late ones', () => {
    let gaps = 0;
    let late = 0;
    let withUpdates = 0;
    for (const incident of data.incidents) {
      const updates = data.timeline.filter((e) => e.incidentKey === incident.key && e.kind === 'status_update');
      if (updates.length > 0) withUpdates += 1;
      const changes = data.severityChanges.filter((c) => c.incidentKey === incident.key);
      const severityAt = (at: Date) => changes.filter((c) => c.changedAt <= at).at(-1)!.to;
      for (let i = 1; i < updates.length; i += 1) {
        gaps += 1;
        const cadence = CADENCE[severityAt(updates[i - 1].occurredAt)];
        if (updates[i].occurredAt.getTime() - updates[i - 1].occurredAt.getTime() > cadence) late += 1;
      }
      const closesAt = incident.resolvedAt ?? END;
      for (const update of updates) expect(update.occurredAt.getTime()).toBeLessThanOrEqual(closesAt.getTime());
    }
    expect(withUpdates / data.incidents.length).toBeGreaterThan(0.95);
    expect(late / gaps).toBeGreaterThan(0.03);
    expect(late / gaps).toBeLessThan(0.3);
    expect(data.timeline.some((e) => e.kind === 'note')).toBe(true);
    expect(data.timeline.some((e) => e.kind === 'milestone')).toBe(true);
  });

  it('holds retrospectives only for resolved incidents: most SEV1/SEV2, a few SEV3, consistent retro milestones', () => {
    const retros = new Map(data.retrospectives.map((r) => [r.incidentKey, r]));
    const incidents = new Map(data.incidents.map((i) => [i.key, i]));
    for (const retro of data.retrospectives) {
      const incident = incidents.get(retro.incidentKey)!;
      expect(incident.resolvedAt).not.toBeNull();
      expect(incident.retroPrepAt).toEqual(retro.createdAt);
      expect(incident.retroDoneAt).toEqual(retro.status === 'submitted' ? retro.submittedAt : null);
      if (retro.status === 'submitted') {
        expect(retro.heldAt).not.toBeNull();
        expect(retro.answers.map((a) => a.questionKey)).toEqual([...RETRO_QUESTION_KEYS]);
      }
      for (const answer of retro.answers) expect(answer.answer).not.toMatch(/human error|should have|careless/i);
      expect(retro.attendees).toContain(incident.commander);
    }
    for (const incident of data.incidents) {
      if (!retros.has(incident.key)) expect([incident.retroPrepAt, incident.retroDoneAt]).toEqual([null, null]);
    }
    const resolved = (keys: SeverityKey[]) => data.incidents.filter((i) => i.resolvedAt && !i.excludedFromMetrics && keys.includes(i.peakSeverity));
    const majorShare = share(resolved(['SEV1', 'SEV2']), (i) => retros.has(i.key));
    expect(majorShare).toBeGreaterThan(0.75);
    expect(majorShare).toBeLessThan(0.93);
    const minorShare = share(resolved(['SEV3']), (i) => retros.has(i.key));
    expect(minorShare).toBeGreaterThan(0.02);
    expect(minorShare).toBeLessThan(0.2);
    expect(data.retrospectives.filter((r) => r.status === 'draft').length).toBeGreaterThanOrEqual(2);
    // Seed 001: within 48 business hours of resolution; some are late.
    const late = data.retrospectives.filter((r) => {
      const incident = incidents.get(r.incidentKey)!;
      return r.submittedAt && r.submittedAt > addBusinessHours(incident.resolvedAt!, 48);
    });
    expect(late.length).toBeGreaterThan(5);
    expect(late.length).toBeLessThan(data.retrospectives.length / 2);
  });

  it('raises action items with owners, teams and due dates; some done late, some overdue at the end', () => {
    const today = END.toISOString().slice(0, 10);
    expect(data.actionItems.length).toBeGreaterThan(data.retrospectives.length);
    for (const item of data.actionItems) {
      expect(item.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(item.owner).toBeTruthy();
      expect(item.completedAt !== null).toBe(item.status === 'done');
      if (item.fromRetrospective) expect(data.retrospectives.some((r) => r.incidentKey === item.incidentKey)).toBe(true);
    }
    const overdue = data.actionItems.filter((a) => (a.status === 'open' || a.status === 'in_progress') && a.dueDate < today);
    expect(overdue.length).toBeGreaterThan(10);
    const doneLate = data.actionItems.filter((a) => a.completedAt && a.completedAt.toISOString().slice(0, 10) > a.dueDate);
    expect(doneLate.length).toBeGreaterThan(10);
    const statuses = new Set(data.actionItems.map((a) => a.status));
    expect([...statuses].sort()).toEqual(['done', 'in_progress', 'open', 'wont_do']);
    expect(summarizeDemoData(data).actionItems.overdue).toBe(overdue.length);
  });

  it('summarises counts for the command output', () => {
    const summary = summarizeDemoData(data);
    expect(summary.incidents.total).toBe(600);
    expect(Object.values(summary.incidents.bySeverity).reduce((a, b) => a + b, 0)).toBe(600);
    expect(summary.timelineEntries).toBe(data.timeline.length);
    expect(summary.firstStartedAt).toEqual(data.incidents[0].startedAt);
    expect(summary.lastStartedAt).toEqual(data.incidents.at(-1)!.startedAt);
  });

  it('handles a small, short history', () => {
    const small = generateDemoData({ seed: 1, incidents: 5, months: 1, end: END });
    expect(small.incidents).toHaveLength(5);
    for (const incident of small.incidents) expect(findOrderViolation(incident)).toBeNull();
    expect(allTimestamps(small).every(([, at]) => at >= small.window.start && at <= END)).toBe(true);
  });

  it.each([
    ['incidents', { incidents: 0 }],
    ['months', { months: -1 }],
    ['seed', { seed: 1.5 }],
  ])('refuses %s that is not a positive integer (%p)', (name, override) => {
    expect(() => generateDemoData({ ...OPTIONS, ...override })).toThrow(new RegExp(`${name} must be a positive integer`));
  });
});

describe('business hours of the default calendar demo data uses (Mon–Fri 09:00–17:00 UTC)', () => {
  it.each([
    ['2026-11-23T10:00:00Z', 2, '2026-11-23T12:00:00Z'], // Monday, within the day
    ['2026-11-23T16:00:00Z', 2, '2026-11-24T10:00:00Z'], // over the evening
    ['2026-11-27T16:00:00Z', 2, '2026-11-30T10:00:00Z'], // Friday to Monday
    ['2026-11-28T12:00:00Z', 1, '2026-11-30T10:00:00Z'], // from a Saturday
    ['2026-11-23T06:00:00Z', 8, '2026-11-23T17:00:00Z'], // before opening: a whole day
    ['2026-11-23T12:00:00Z', 48, '2026-12-01T12:00:00Z'], // six working days
  ])('%s + %d business hours = %s', (from, hours, expected) => {
    expect(addBusinessHours(new Date(from), hours).toISOString()).toBe(new Date(expected).toISOString());
  });
});
