/**
 * Realistic, deterministic incident history for demos and charts (`hindsight demo-data`): teams,
 * the ownership table, incidents with their milestones, severity history, timeline, blameless
 * retrospectives and action items. Pure: plain records referring to each other by natural keys
 * (team and service names, incident keys); the writer gives them ids. Same options, same data.
 */
import {
  AUDIENCES, CAUSES, COMMS_PEOPLE, COULD_BE_IMPROVED, CUSTOMERS, GENERIC_ACTION_ITEMS, GOT_LUCKY, IMPACT_PHRASES, NOTES,
  pagingScheduleUrl, RETRO_FACILITATORS, SERVICES, STATES, TEAMS, VENDORS, WENT_WELL,
  type CatalogCause, type CatalogService, type ImpactScope,
} from './demo-data.catalog.js';
import { DEFAULT_BUSINESS_CALENDAR, type BusinessCalendar } from '../config/config.js';
import { addBusinessSeconds, isBusinessTime } from '../metrics/core/business-hours.js';
import { incidentKey } from '../incidents/incident-key.js';
import { Random } from './random.js';

export const SEVERITY_KEYS = ['SEV1', 'SEV2', 'SEV3'] as const;
export type SeverityKey = (typeof SEVERITY_KEYS)[number];

/** Question keys of the default retrospective template (migration SeedDefaults). */
export const RETRO_QUESTION_KEYS = [
  'customer_impact', 'went_well', 'could_be_improved', 'got_lucky', 'wrong_about', 'learned', 'could_have_prevented',
] as const;

export interface DemoDataOptions {
  /** Same seed (and other options), same data. */
  seed: number;
  /** How many incidents, including a few still open at `end` and a few game days. */
  incidents: number;
  /** Length of the history, in calendar months before `end`. */
  months: number;
  /** The present: nothing happens after it. */
  end: Date;
  /**
   * Working time: incidents cluster in it, game days are held in it, retrospectives are scheduled in
   * business hours after resolution. Default: DEFAULT_BUSINESS_CALENDAR (the service's when BUSINESS_* are unset).
   */
  calendar?: BusinessCalendar;
}

export interface DemoTeam {
  name: string;
  description: string;
  pagingScheduleUrl: string;
}

export interface DemoService {
  name: string;
  kind: 'internal' | 'vendor';
  functionality: string;
  /** Team name: the owning team, or the owner of a vendor relationship. */
  owningTeam: string;
  pagingScheduleUrl: string | null;
  supportUrl: string | null;
  statusPageUrl: string | null;
}

export interface DemoIncident {
  key: string;
  title: string;
  functionality: string;
  state: string;
  audience: string;
  /** Severity at the end of its history. */
  severity: SeverityKey;
  /** Highest severity it ever had. */
  peakSeverity: SeverityKey;
  owningTeam: string;
  /** Service names; the first is the one the title is about, whose team owns the incident. */
  services: string[];
  customerImpact: string;
  impactScope: ImpactScope;
  knownCustomersImpacted: string[];
  commander: string | null;
  investigator: string | null;
  comms: string | null;
  scribe: string | null;
  tags: string[];
  source: 'hindsight';
  excludedFromMetrics: boolean;
  exclusionReason: string | null;
  startedAt: Date;
  detectedAt: Date | null;
  acknowledgedAt: Date | null;
  investigatingAt: Date | null;
  identifiedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  retroPrepAt: Date | null;
  retroDoneAt: Date | null;
  /** When it was declared in the tool. */
  createdAt: Date;
}

export interface DemoSeverityChange {
  incidentKey: string;
  /** null for the first row: the declared severity. */
  from: SeverityKey | null;
  to: SeverityKey;
  changedAt: Date;
  changedBy: string | null;
  reason: string;
}

export type DemoTimelineKind = 'note' | 'status_update' | 'severity_change' | 'milestone' | 'action';

export interface DemoTimelineEntry {
  incidentKey: string;
  occurredAt: Date;
  kind: DemoTimelineKind;
  author: string | null;
  body: string;
}

export type RetroQuestionKey = (typeof RETRO_QUESTION_KEYS)[number];

export interface DemoRetroAnswer {
  questionKey: RetroQuestionKey;
  answer: string;
}

export interface DemoRetrospective {
  incidentKey: string;
  facilitator: string;
  attendees: string[];
  scheduledAt: Date | null;
  heldAt: Date | null;
  status: 'draft' | 'submitted';
  submittedAt: Date | null;
  /** When preparation started (the incident's retroPrepAt). */
  createdAt: Date;
  answers: DemoRetroAnswer[];
}

export interface DemoActionItem {
  incidentKey: string;
  /** Raised in the incident's retrospective (otherwise straight from the incident). */
  fromRetrospective: boolean;
  title: string;
  description: string;
  owner: string;
  team: string;
  priority: 'high' | 'medium' | 'low';
  /** Calendar date, YYYY-MM-DD. */
  dueDate: string;
  status: 'open' | 'in_progress' | 'done' | 'wont_do';
  completedAt: Date | null;
  externalUrl: string | null;
  createdAt: Date;
}

export interface DemoData {
  options: DemoDataOptions;
  /** [end − months, end]: every timestamp lies in it. */
  window: { start: Date; end: Date };
  teams: DemoTeam[];
  services: DemoService[];
  /** In start order, keys numbered per year of startedAt. */
  incidents: DemoIncident[];
  severityChanges: DemoSeverityChange[];
  timeline: DemoTimelineEntry[];
  retrospectives: DemoRetrospective[];
  actionItems: DemoActionItem[];
  /** Last key sequence used per year, for `incident_key_counters`. */
  keyCounters: { year: number; lastSeq: number }[];
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Shares of the severity each incident peaks at. */
const PEAK_SEVERITY_WEIGHTS: [SeverityKey, number][] = [['SEV1', 10], ['SEV2', 30], ['SEV3', 60]];

/** Seed 001 status-update cadence. */
const UPDATE_CADENCE: Record<SeverityKey, number> = { SEV1: 30 * MINUTE, SEV2: HOUR, SEV3: 3 * HOUR };
const CADENCE_TEXT: Record<SeverityKey, string> = { SEV1: '30 minutes', SEV2: '1 hour', SEV3: '3 hours' };

interface Gap {
  /** Median duration, ms. */
  median: number;
  /** σ of its logarithm: 1.0 puts the 90th percentile at 3.6× the median. */
  sigma: number;
}

/**
 * Log-normal gaps between milestones by peak severity, before the trend and off-hours factors.
 * detect: started → detected; acknowledge: detected → acknowledged; engage: acknowledged →
 * investigating; mitigate: investigating → mitigated; resolve: mitigated → resolved.
 */
export const MILESTONE_GAPS: Record<SeverityKey, Record<'detect' | 'acknowledge' | 'engage' | 'mitigate' | 'resolve', Gap>> = {
  SEV1: {
    detect: { median: 4 * MINUTE, sigma: 1.0 },
    acknowledge: { median: 3 * MINUTE, sigma: 1.0 },
    engage: { median: 3 * MINUTE, sigma: 0.8 },
    mitigate: { median: 45 * MINUTE, sigma: 1.0 },
    resolve: { median: 3 * HOUR, sigma: 1.0 },
  },
  SEV2: {
    detect: { median: 10 * MINUTE, sigma: 1.1 },
    acknowledge: { median: 7 * MINUTE, sigma: 1.0 },
    engage: { median: 6 * MINUTE, sigma: 0.9 },
    mitigate: { median: 2 * HOUR, sigma: 1.0 },
    resolve: { median: 8 * HOUR, sigma: 1.1 },
  },
  SEV3: {
    detect: { median: 30 * MINUTE, sigma: 1.3 },
    acknowledge: { median: 25 * MINUTE, sigma: 1.2 },
    engage: { median: 20 * MINUTE, sigma: 1.0 },
    mitigate: { median: 6 * HOUR, sigma: 1.2 },
    resolve: { median: 24 * HOUR, sigma: 1.2 },
  },
};

/** How much quicker or slower mitigation is by cause: rollbacks are quick, restores slow. */
const CAUSE_MITIGATION_FACTOR: Record<string, number> = {
  deploy: 0.7, 'feature-flag': 0.6, certificate: 0.7, 'third-party': 1.5, 'data-migration': 2.2, database: 1.2,
};

/** Where in the history (0–1) better alerting lands. */
const ALERTING_ROLLOUT = 0.6;

/**
 * Detection improves over the history (better alerting), with a step when "new alerting" lands at
 * 60% of the way: so period-over-period charts show a change, and year over year a clear one.
 */
export function detectionFactor(progress: number): number {
  return (1.2 - 0.3 * progress) * (progress >= ALERTING_ROLLOUT ? 0.7 : 1);
}

const acknowledgeFactor = (progress: number) => 1.1 - 0.2 * progress;

/** Probabilities of a milestone not being recorded. */
const MISSING = { detected: 0.02, acknowledged: 0.08, investigating: 0.05, identified: 0.3 };

/** Share of resolved incidents that get a retrospective, by peak severity. */
const RETRO_SHARE: Record<SeverityKey, number> = { SEV1: 0.9, SEV2: 0.82, SEV3: 0.1 };

/** At most this many status updates per incident: long incidents go quiet, as they do. */
const MAX_STATUS_UPDATES = 48;

export function generateDemoData(options: DemoDataOptions): DemoData {
  validateOptions(options);
  const random = new Random(options.seed);
  const end = options.end;
  const start = subtractMonths(end, options.months);
  const window = { start, end };

  const teams: DemoTeam[] = TEAMS.map((t) => ({ name: t.name, description: t.description, pagingScheduleUrl: pagingScheduleUrl(t.slug) }));
  const services: DemoService[] = [
    ...SERVICES.map((s) => ({
      name: s.name, kind: 'internal' as const, functionality: s.functionality, owningTeam: s.team,
      pagingScheduleUrl: pagingScheduleUrl(TEAMS.find((t) => t.name === s.team)!.slug), supportUrl: null, statusPageUrl: null,
    })),
    ...VENDORS.map((v) => ({
      name: v.name, kind: 'vendor' as const, functionality: v.product, owningTeam: v.team,
      pagingScheduleUrl: null, supportUrl: v.supportUrl, statusPageUrl: v.statusPageUrl,
    })),
  ];

  const calendar = options.calendar ?? DEFAULT_BUSINESS_CALENDAR;
  const starts = incidentStarts(random.fork(), options.incidents, window, calendar);
  const data: DemoData = {
    options: { ...options, end: new Date(end), calendar }, window, teams, services,
    incidents: [], severityChanges: [], timeline: [], retrospectives: [], actionItems: [], keyCounters: [],
  };
  const counters = new Map<number, number>();
  const trackerSeq = { next: 101 };
  for (const slot of starts) {
    const year = slot.at.getUTCFullYear();
    const seq = (counters.get(year) ?? 0) + 1;
    counters.set(year, seq);
    const key = incidentKey(year, seq);
    buildIncident(random.fork(), data, key, slot, trackerSeq);
  }
  data.keyCounters = [...counters].map(([year, lastSeq]) => ({ year, lastSeq })).sort((a, b) => a.year - b.year);
  return data;
}

function validateOptions(options: DemoDataOptions): void {
  for (const name of ['seed', 'incidents', 'months'] as const) {
    const value = options[name];
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  if (!(options.end instanceof Date) || Number.isNaN(options.end.getTime())) throw new RangeError(`end must be a valid date, got ${String(options.end)}`);
}

/** The same instant of day, `months` calendar months earlier (UTC). */
function subtractMonths(date: Date, months: number): Date {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/** Whole seconds: timestamps look like ones people record. */
const instant = (ms: number) => new Date(Math.floor(ms / SECOND) * SECOND);


interface StartSlot {
  at: Date;
  /** Still being worked on at `end`. */
  ongoing: boolean;
  gameDay: boolean;
  /** 0 at the start of the window, 1 at its end. */
  progress: number;
}

/** Monthly seasonality: the November/December peak season, a quieter August. */
const SEASON = [1.05, 1, 1, 1, 1, 0.95, 0.9, 0.8, 1, 1.05, 1.35, 1.15];

/**
 * Start instants, sorted: drawn from a rate that grows slowly with the business, follows the
 * season, is higher in working hours (when changes ship), and has a couple of bad months. A few
 * recent incidents are still open at `end`; a few business-hours ones are game days.
 */
function incidentStarts(random: Random, count: number, window: { start: Date; end: Date }, calendar: BusinessCalendar): StartSlot[] {
  const from = Math.ceil(window.start.getTime() / SECOND) * SECOND;
  const to = window.end.getTime();
  const span = to - from;
  const ongoing = count >= 20 ? Math.min(5, Math.max(1, Math.round(count / 200))) : 0;
  const monthIndex = (ms: number) => {
    const d = new Date(ms);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  };
  const badMonths = new Set([0, 1].map(() => monthIndex(random.uniform(from, to))));
  const rate = (ms: number) => {
    const d = new Date(ms);
    const day = d.getUTCDay();
    const hour = d.getUTCHours();
    const weekday = day === 0 || day === 6 ? 0.45 : 1;
    // Busiest in working time (when changes ship), then the waking hours around it, least at night.
    const daytime = isBusinessTime(d, calendar) ? 1.6 : hour >= 7 && hour < 21 ? 1 : 0.45;
    const growth = 1 + 0.2 * ((ms - from) / span);
    return SEASON[d.getUTCMonth()] * weekday * daytime * growth * (badMonths.has(monthIndex(ms)) ? 1.6 : 1);
  };
  const maxRate = Math.max(...SEASON) * 1.6 * 1.2 * 1.6;
  const historyEnd = Math.max(from + 1, to - 2 * HOUR);
  const slots: StartSlot[] = [];
  while (slots.length < count - ongoing) {
    const ms = random.uniform(from, historyEnd);
    if (random.next() * maxRate < rate(ms)) slots.push({ at: instant(ms), ongoing: false, gameDay: false, progress: 0 });
  }
  for (let i = 0; i < ongoing; i += 1) {
    slots.push({ at: instant(random.uniform(Math.max(from, to - 36 * HOUR), to - 2 * HOUR)), ongoing: true, gameDay: false, progress: 0 });
  }
  slots.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const slot of slots) slot.progress = Math.min(1, Math.max(0, (slot.at.getTime() - from) / span));

  const gameDays = count >= 40 ? Math.max(1, Math.round(count * 0.015)) : 0;
  const candidates = slots.filter((s) => !s.ongoing && isBusinessTime(s.at, calendar) && s.at.getTime() < to - 7 * DAY);
  for (const slot of random.sample(candidates, gameDays)) slot.gameDay = true;
  return slots;
}

interface Narrative {
  primary: CatalogService;
  cause: CatalogCause;
  vendor: string | null;
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function formatDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / MINUTE));
  if (minutes < 90) return `${minutes} minutes`;
  const hours = ms / HOUR;
  if (hours < 48) return `${Math.round(hours * 10) / 10} hours`;
  return `${Math.round(hours / 24)} days`;
}

/** Severity history: the declared severity, escalations up to the peak, maybe a downgrade after mitigation. */
function severityPath(random: Random, peak: SeverityKey): { path: SeverityKey[]; downgradeTo: SeverityKey | null } {
  switch (peak) {
    case 'SEV1':
      return random.weighted<{ path: SeverityKey[]; downgradeTo: SeverityKey | null }>([
        [{ path: ['SEV1'], downgradeTo: null }, 62],
        [{ path: ['SEV2', 'SEV1'], downgradeTo: null }, 22],
        [{ path: ['SEV3', 'SEV2', 'SEV1'], downgradeTo: null }, 4],
        [{ path: ['SEV1'], downgradeTo: 'SEV2' }, 12],
      ]);
    case 'SEV2':
      return random.weighted<{ path: SeverityKey[]; downgradeTo: SeverityKey | null }>([
        [{ path: ['SEV2'], downgradeTo: null }, 65],
        [{ path: ['SEV3', 'SEV2'], downgradeTo: null }, 22],
        [{ path: ['SEV2'], downgradeTo: 'SEV3' }, 13],
      ]);
    default:
      return { path: ['SEV3'], downgradeTo: null };
  }
}

const ESCALATION_REASONS = [
  'Impact wider than first thought',
  'Error rate still rising; customer SLA at risk',
  'More customers reporting the problem to support',
  'Core functionality now unavailable',
];
const DOWNGRADE_REASONS = ['Impact mitigated; monitoring the fix', 'Only a few customers still affected'];

function buildIncident(random: Random, data: DemoData, key: string, slot: StartSlot, trackerSeq: { next: number }): void {
  const end = data.window.end.getTime();
  const peak = random.weighted(PEAK_SEVERITY_WEIGHTS);
  const { path, downgradeTo } = severityPath(random, peak);

  // What happened, where, to whom.
  const primary = random.weighted(SERVICES.map((s) => [s, s.weight] as const));
  const causes = CAUSES.filter((c) => !(slot.gameDay && (c.tag === 'third-party' || c.tag === 'data-migration')));
  const cause = random.weighted(causes.map((c) => [c, c.tag === 'third-party' ? (primary.vendor ? c.weight * 3 : 0) : c.weight] as const));
  const vendor = cause.tag === 'third-party' ? primary.vendor! : null;
  const narrative: Narrative = { primary, cause, vendor };
  const extraCount = random.weighted<number>(
    peak === 'SEV1' ? [[0, 40], [1, 40], [2, 20]] : peak === 'SEV2' ? [[0, 55], [1, 35], [2, 10]] : [[0, 75], [1, 20], [2, 5]],
  );
  const services = [primary.name, ...(vendor ? [vendor] : []), ...random.sample(primary.related, extraCount)].slice(0, 3);
  const team = TEAMS.find((t) => t.name === primary.team)!;

  const audienceEntry = slot.gameDay
    ? { audience: 'internal users', scope: 'few' as ImpactScope }
    : random.weighted(AUDIENCES.map((a) => [a, a.weight * (peak === 'SEV1' && a.scope === 'all' ? 3 : 1)] as const));
  // Only data problems lose data; otherwise the cause colours the state most of the time.
  const states = STATES[peak].filter((s) => s !== 'losing data' || cause.tag === 'data-migration' || cause.tag === 'database');
  const likely = states.filter((s) => cause.states?.includes(s));
  const state = likely.length > 0 && random.chance(0.7) ? random.pick(likely) : random.pick(states);
  const functionality = primary.functionality;
  const title = `${slot.gameDay ? 'Game day: ' : ''}${functionality} is ${state} for ${audienceEntry.audience}`;
  const values = {
    service: primary.name, functionality: lowerFirst(functionality), vendor: vendor ?? '', team: team.name,
    pct: random.int(2, 60), seconds: random.int(3, 12), minutes: random.int(10, 90),
  };
  const customerImpact = `${upperFirst(audienceEntry.audience)} ${fill(random.pick(IMPACT_PHRASES[state]), values)}.`;
  const impactScope: ImpactScope = random.chance(0.07) ? 'unknown' : audienceEntry.scope;
  const knownCustomersImpacted = !slot.gameDay && (impactScope === 'few' || impactScope === 'some') && random.chance(0.6)
    ? random.sample(CUSTOMERS, random.int(1, 3))
    : [];

  // Who responded.
  const commander = random.chance(0.5) ? team.people[0] : random.pick(team.people);
  const investigator = random.pick(team.people.filter((p) => p !== commander));
  const comms = random.chance({ SEV1: 1, SEV2: 0.8, SEV3: 0.4 }[peak]) ? random.pick(COMMS_PEOPLE) : null;
  const scribe = random.chance({ SEV1: 0.9, SEV2: 0.5, SEV3: 0.15 }[peak])
    ? random.pick(TEAMS.flatMap((t) => t.people).filter((p) => p !== commander && p !== investigator))
    : null;

  // Milestones: a chain of log-normal gaps, always in lifecycle order.
  const gaps = MILESTONE_GAPS[peak];
  const offHours = !isBusinessTime(slot.at, data.options.calendar!);
  const draw = (gap: Gap, factor = 1) => random.logNormal(gap.median * factor, gap.sigma);
  const started = slot.at.getTime();
  let detected = started + draw(gaps.detect, detectionFactor(slot.progress) * (offHours ? 1.4 : 1));
  if (detected > end - 5 * MINUTE) detected = started + (end - started) * random.uniform(0.2, 0.6);
  const acknowledged = detected + draw(gaps.acknowledge, acknowledgeFactor(slot.progress) * (offHours ? 2 : 1));
  const investigating = acknowledged + draw(gaps.engage);
  const mitigated = slot.ongoing ? Infinity : investigating + draw(gaps.mitigate, CAUSE_MITIGATION_FACTOR[cause.tag] ?? 1);
  const resolved = mitigated + draw(gaps.resolve);
  const identified = investigating + Math.max(0, Math.min(mitigated, end) - investigating) * random.uniform(0.3, 0.9);
  const recorded = (ms: number, missing = 0) => (ms <= end && !(missing > 0 && !slot.gameDay && random.chance(missing)) ? instant(ms) : null);

  const incident: DemoIncident = {
    key, title, functionality, state, audience: audienceEntry.audience,
    severity: downgradeTo ?? path[path.length - 1], peakSeverity: peak,
    owningTeam: team.name, services, customerImpact, impactScope, knownCustomersImpacted,
    commander, investigator, comms, scribe,
    tags: [],
    source: 'hindsight',
    excludedFromMetrics: slot.gameDay,
    exclusionReason: slot.gameDay ? 'Game day: planned failure-injection exercise, not a real incident' : null,
    startedAt: slot.at,
    detectedAt: recorded(detected, MISSING.detected),
    acknowledgedAt: recorded(acknowledged, MISSING.acknowledged),
    investigatingAt: recorded(investigating, MISSING.investigating),
    identifiedAt: recorded(identified, MISSING.identified),
    mitigatedAt: recorded(mitigated),
    resolvedAt: null,
    retroPrepAt: null,
    retroDoneAt: null,
    createdAt: slot.at,
  };
  incident.resolvedAt = incident.mitigatedAt ? recorded(resolved) : null;
  incident.createdAt = incident.acknowledgedAt ?? incident.detectedAt ?? incident.startedAt;
  const customerReported = detected - started > 45 * MINUTE;
  incident.tags = [
    ...(slot.gameDay ? ['game-day'] : []),
    cause.tag,
    ...(customerReported && !slot.gameDay ? ['customer-reported'] : []),
    ...(audienceEntry.audience.startsWith('EU') ? ['eu'] : audienceEntry.audience.startsWith('US') ? ['us'] : []),
  ];
  data.incidents.push(incident);

  const history = severityHistory(random, data, incident, path, downgradeTo);
  timelineOf(random, data, incident, narrative, history, customerReported, values);
  retrospectiveOf(random, data, incident, narrative, slot, trackerSeq, values);
}

/** Severity changes, in time order; the first row is the declaration (from = null). */
function severityHistory(
  random: Random, data: DemoData, incident: DemoIncident, path: SeverityKey[], downgradeTo: SeverityKey | null,
): DemoSeverityChange[] {
  const end = data.window.end.getTime();
  const changes: DemoSeverityChange[] = [
    { incidentKey: incident.key, from: null, to: path[0], changedAt: incident.startedAt, changedBy: incident.commander, reason: 'Declared' },
  ];
  const from = (incident.acknowledgedAt ?? incident.detectedAt ?? incident.startedAt).getTime();
  const until = Math.min(incident.mitigatedAt?.getTime() ?? end, end);
  const points = path.slice(1).map(() => random.uniform(0.05, 0.6)).sort((a, b) => a - b);
  path.slice(1).forEach((to, i) => {
    changes.push({
      incidentKey: incident.key, from: path[i], to, changedAt: instant(from + (until - from) * points[i]),
      changedBy: incident.commander, reason: random.pick(ESCALATION_REASONS),
    });
  });
  if (downgradeTo && incident.mitigatedAt) {
    const latest = Math.min(incident.resolvedAt?.getTime() ?? end, end);
    const at = Math.min(incident.mitigatedAt.getTime() + random.uniform(5, 60) * MINUTE, latest);
    changes.push({
      incidentKey: incident.key, from: path[path.length - 1], to: downgradeTo, changedAt: instant(at),
      changedBy: incident.commander, reason: random.pick(DOWNGRADE_REASONS),
    });
  } else if (downgradeTo) {
    incident.severity = path[path.length - 1];
  }
  data.severityChanges.push(...changes);
  return changes;
}

/**
 * The incident's timeline, in time order: milestones, a severity_change entry per change, an action,
 * a few notes, and status updates at the cadence of the severity in force (sometimes late).
 */
function timelineOf(
  random: Random, data: DemoData, incident: DemoIncident, narrative: Narrative, history: DemoSeverityChange[],
  customerReported: boolean, values: Record<string, string | number>,
): void {
  const end = data.window.end.getTime();
  const entries: DemoTimelineEntry[] = [];
  const add = (ms: number, kind: DemoTimelineKind, author: string | null, body: string) => {
    if (ms <= end) entries.push({ incidentKey: incident.key, occurredAt: instant(ms), kind, author, body });
  };
  const severityAt = (ms: number) => history.filter((c) => c.changedAt.getTime() <= ms).at(-1)?.to ?? history[0].to;
  const { primary, cause, vendor } = narrative;
  const text = (template: string) => fill(template, { ...values, vendor: vendor ?? '' });

  for (const change of history.slice(1)) {
    add(change.changedAt.getTime(), 'severity_change', change.changedBy, `Severity changed from ${change.from} to ${change.to}: ${change.reason}`);
  }

  // Milestones.
  const detectedBy = customerReported ? 'a customer report to support' : `the alert "${primary.name} error rate above threshold"`;
  if (incident.detectedAt) add(incident.detectedAt.getTime(), 'milestone', null, `Detected through ${detectedBy}.`);
  if (incident.acknowledgedAt) add(incident.acknowledgedAt.getTime(), 'milestone', incident.investigator, `Page acknowledged by ${incident.investigator}.`);
  if (incident.identifiedAt) add(incident.identifiedAt.getTime(), 'milestone', incident.investigator, `Cause identified: ${text(cause.identified)}`);
  if (incident.mitigatedAt) {
    const actionAt = Math.max(incident.startedAt.getTime(), incident.mitigatedAt.getTime() - random.uniform(1, 10) * MINUTE);
    add(actionAt, 'action', incident.investigator, text(cause.mitigation));
    add(incident.mitigatedAt.getTime(), 'milestone', incident.commander, 'Mitigated: customers no longer see the problem.');
  }
  if (incident.resolvedAt) add(incident.resolvedAt.getTime(), 'milestone', incident.commander, 'Resolved: the fix is durable; incident closed.');

  // A few notes while the impact lasts.
  const declared = (incident.acknowledgedAt ?? incident.detectedAt ?? incident.startedAt).getTime();
  const impactEnd = Math.min(incident.mitigatedAt?.getTime() ?? end, end);
  const notes = random.sample(NOTES, random.int(1, 3)).sort((a, b) => NOTES.indexOf(a) - NOTES.indexOf(b));
  const noteTimes = notes.map(() => declared + (impactEnd - declared) * random.next()).sort((a, b) => a - b);
  notes.forEach((note, i) => add(noteTimes[i], 'note', random.pick([incident.commander, incident.investigator]), fill(note, values)));

  // Status updates: the first within minutes of declaring, then at the cadence until resolution.
  // Some responders are punctual, some slip: the comms-cadence metric has misses to show.
  const author = incident.comms ?? incident.commander;
  const lateness = random.weighted([[0.03, 60], [0.12, 30], [0.35, 10]]);
  const stop = Math.min(incident.resolvedAt?.getTime() ?? end, end);
  let at = declared + random.uniform(3, 15) * MINUTE;
  for (let sent = 0; at < stop && sent < MAX_STATUS_UPDATES; sent += 1) {
    const severity = severityAt(at);
    const next = `Next update in ${CADENCE_TEXT[severity]} or sooner.`;
    const phase = incident.mitigatedAt && at >= incident.mitigatedAt.getTime()
      ? 'has mitigated the issue and is monitoring the fix'
      : incident.identifiedAt && at >= incident.identifiedAt.getTime()
        ? 'has identified the issue and is working on a fix'
        : 'is investigating the issue';
    add(at, 'status_update', author, sent === 0
      ? `INVESTIGATING: ${incident.title} (${severity}). ${incident.customerImpact} The team is engaged and triaging. ${next}`
      : `UPDATE: ${incident.title} is still a ${severity} incident. The team ${phase}. ${next}`);
    const cadence = UPDATE_CADENCE[severity];
    at += random.chance(lateness) ? cadence * (1.05 + random.logNormal(0.4, 0.8)) : cadence * random.uniform(0.5, 0.98);
  }
  if (incident.resolvedAt) {
    const impact = formatDuration((incident.mitigatedAt ?? incident.resolvedAt).getTime() - incident.startedAt.getTime());
    add(incident.resolvedAt.getTime(), 'status_update', author,
      `RESOLVED: ${incident.functionality} is working normally again for ${incident.audience} after ${impact} of impact. A retrospective will follow.`);
  }
  entries.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  data.timeline.push(...entries);
}

/** `hours` business hours of `calendar` after `from`. */
const addBusinessHours = (from: Date, hours: number, calendar: BusinessCalendar) => addBusinessSeconds(from, hours * 3600, calendar);

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The blameless retrospective of a resolved incident, its answers and its action items. */
function retrospectiveOf(
  random: Random, data: DemoData, incident: DemoIncident, narrative: Narrative, slot: StartSlot,
  trackerSeq: { next: number }, values: Record<string, string | number>,
): void {
  const end = data.window.end.getTime();
  const calendar = data.options.calendar!;
  if (!incident.resolvedAt || slot.gameDay) return;
  if (!random.chance(RETRO_SHARE[incident.peakSeverity])) {
    if (incident.peakSeverity !== 'SEV3' || random.chance(0.05)) followUpWithoutRetro(random, data, incident, narrative, trackerSeq, values);
    return;
  }
  const resolved = incident.resolvedAt.getTime();
  // Seed 001: within 24 to 48 business hours of resolution; some slip by days.
  let scheduled = addBusinessHours(incident.resolvedAt, Math.max(3, random.logNormal(20, 0.5)), calendar).getTime();
  if (random.chance(0.15)) scheduled = addBusinessHours(new Date(scheduled), random.uniform(24, 80), calendar).getTime();
  scheduled = Math.ceil(scheduled / (30 * MINUTE)) * 30 * MINUTE;
  const held = random.chance(0.15) ? addBusinessHours(new Date(scheduled), random.uniform(8, 16), calendar).getTime() : scheduled;
  const submitted = held + Math.max(45 * MINUTE, random.logNormal(4 * HOUR, 0.9));
  const prep = resolved + (held - resolved) * random.uniform(0.05, 0.4);
  if (prep > end) return;
  const stuckDraft = random.chance(0.04);
  const isHeld = held <= end;
  const isSubmitted = isHeld && submitted <= end && !stuckDraft;

  const { cause, vendor } = narrative;
  const text = (template: string) => fill(template, { ...values, vendor: vendor ?? '' });
  const responders = [incident.commander, incident.investigator, incident.comms, incident.scribe].filter((p): p is string => !!p);
  const facilitator = random.pick(RETRO_FACILITATORS);
  const others = TEAMS.flatMap((t) => t.people).filter((p) => !responders.includes(p));
  const attendees = [...new Set([...responders, ...random.sample(others, random.int(1, 3))])];
  const impactDuration = formatDuration(incident.mitigatedAt!.getTime() - incident.startedAt.getTime());
  const answers: DemoRetroAnswer[] = [
    {
      questionKey: 'customer_impact',
      answer: `${incident.customerImpact} Impact lasted ${impactDuration}.` +
        (incident.knownCustomersImpacted.length ? ` Known customers affected: ${incident.knownCustomersImpacted.join(', ')}.` : ''),
    },
    { questionKey: 'went_well', answer: random.sample(WENT_WELL, 2).map(text).join(' ') },
    { questionKey: 'could_be_improved', answer: random.sample(COULD_BE_IMPROVED, random.int(1, 2)).map(text).join(' ') },
    { questionKey: 'got_lucky', answer: text(random.pick(GOT_LUCKY)) },
    { questionKey: 'wrong_about', answer: text(cause.wrongAbout) },
    { questionKey: 'learned', answer: text(cause.learned) },
    { questionKey: 'could_have_prevented', answer: text(cause.prevention) },
  ];
  data.retrospectives.push({
    incidentKey: incident.key,
    facilitator,
    attendees,
    scheduledAt: scheduled <= end ? instant(scheduled) : null,
    heldAt: isHeld ? instant(held) : null,
    status: isSubmitted ? 'submitted' : 'draft',
    submittedAt: isSubmitted ? instant(submitted) : null,
    createdAt: instant(prep),
    answers: isSubmitted ? answers : answers.slice(0, isHeld ? 3 : 1),
  });
  incident.retroPrepAt = instant(prep);
  incident.retroDoneAt = isSubmitted ? instant(submitted) : null;

  if (!isHeld || random.chance(0.1)) return; // action items are an outcome, not a requirement
  const count = random.weighted([[1, 30], [2, 35], [3, 25], [4, 10]]);
  const titles = random.sample([...cause.actionItems, ...GENERIC_ACTION_ITEMS], count).map(text);
  for (const title of titles) {
    pushActionItem(random, data, incident, narrative, trackerSeq, {
      title, fromRetrospective: true, createdAt: held,
      description: `From the retrospective of ${incident.key}. ${text(cause.prevention)}`,
    });
  }
}

/** A follow-up raised straight from an incident that had no retrospective. */
function followUpWithoutRetro(
  random: Random, data: DemoData, incident: DemoIncident, narrative: Narrative, trackerSeq: { next: number },
  values: Record<string, string | number>,
): void {
  if (!random.chance(0.3)) return;
  const title = fill(random.pick(narrative.cause.actionItems), { ...values, vendor: narrative.vendor ?? '' });
  pushActionItem(random, data, incident, narrative, trackerSeq, {
    title, fromRetrospective: false, createdAt: incident.resolvedAt!.getTime() + random.uniform(1, 24) * HOUR,
    description: `Follow-up from ${incident.key}.`,
  });
}

const DUE_DAYS = { high: 14, medium: 30, low: 60 } as const;

/**
 * Due in 2/4/8 weeks by priority. Most get done, some late; some are abandoned and stay open long
 * past their due date (overdue); a few are dropped.
 */
function pushActionItem(
  random: Random, data: DemoData, incident: DemoIncident, narrative: Narrative, trackerSeq: { next: number },
  item: { title: string; description: string; fromRetrospective: boolean; createdAt: number },
): void {
  const end = data.window.end.getTime();
  if (item.createdAt > end) return;
  const priority = random.weighted<'high' | 'medium' | 'low'>(
    incident.peakSeverity === 'SEV1' ? [['high', 60], ['medium', 35], ['low', 5]]
      : incident.peakSeverity === 'SEV2' ? [['high', 30], ['medium', 50], ['low', 20]]
        : [['high', 10], ['medium', 50], ['low', 40]],
  );
  const dueDays = Math.round(DUE_DAYS[priority] * random.uniform(0.8, 1.3));
  const team = random.chance(0.8) ? narrative.primary.team : random.pick(TEAMS.filter((t) => t.name !== narrative.primary.team)).name;
  const owner = random.pick(TEAMS.find((t) => t.name === team)!.people);
  const closedAt = item.createdAt + random.logNormal(dueDays * 0.75 * DAY, 0.7);
  const abandoned = random.chance(0.12);
  let status: DemoActionItem['status'];
  let completedAt: Date | null = null;
  if (abandoned || closedAt > end) {
    status = random.chance(0.45) ? 'in_progress' : 'open';
  } else if (random.chance(0.07)) {
    status = 'wont_do';
  } else {
    status = 'done';
    completedAt = instant(closedAt);
  }
  data.actionItems.push({
    incidentKey: incident.key,
    fromRetrospective: item.fromRetrospective,
    title: item.title,
    description: item.description,
    owner,
    team,
    priority,
    dueDate: isoDate(item.createdAt + dueDays * DAY),
    status,
    completedAt,
    externalUrl: random.chance(0.7) ? `https://tracker.example.com/browse/REL-${trackerSeq.next++}` : null,
    createdAt: instant(item.createdAt),
  });
}

export interface DemoDataSummary {
  teams: number;
  services: { internal: number; vendor: number };
  incidents: { total: number; bySeverity: Record<SeverityKey, number>; open: number; excluded: number };
  severityChanges: number;
  retrospectives: { total: number; submitted: number; draft: number };
  actionItems: { total: number; open: number; overdue: number; done: number };
  timelineEntries: number;
  statusUpdates: number;
  /** First and last incident start. */
  firstStartedAt: Date | null;
  lastStartedAt: Date | null;
}

/** Counts for the command's report. Overdue: not closed and due before the day `end` falls on. */
export function summarizeDemoData(data: DemoData): DemoDataSummary {
  const today = isoDate(data.window.end.getTime());
  const bySeverity = Object.fromEntries(SEVERITY_KEYS.map((k) => [k, 0])) as Record<SeverityKey, number>;
  for (const incident of data.incidents) bySeverity[incident.peakSeverity] += 1;
  const openItems = data.actionItems.filter((a) => a.status === 'open' || a.status === 'in_progress');
  return {
    teams: data.teams.length,
    services: { internal: data.services.filter((s) => s.kind === 'internal').length, vendor: data.services.filter((s) => s.kind === 'vendor').length },
    incidents: {
      total: data.incidents.length,
      bySeverity,
      open: data.incidents.filter((i) => !i.resolvedAt).length,
      excluded: data.incidents.filter((i) => i.excludedFromMetrics).length,
    },
    severityChanges: data.severityChanges.length,
    retrospectives: {
      total: data.retrospectives.length,
      submitted: data.retrospectives.filter((r) => r.status === 'submitted').length,
      draft: data.retrospectives.filter((r) => r.status === 'draft').length,
    },
    actionItems: {
      total: data.actionItems.length,
      open: openItems.length,
      overdue: openItems.filter((a) => a.dueDate < today).length,
      done: data.actionItems.filter((a) => a.status === 'done').length,
    },
    timelineEntries: data.timeline.length,
    statusUpdates: data.timeline.filter((t) => t.kind === 'status_update').length,
    firstStartedAt: data.incidents[0]?.startedAt ?? null,
    lastStartedAt: data.incidents.at(-1)?.startedAt ?? null,
  };
}
