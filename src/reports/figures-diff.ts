import { METRIC_NAMES, type MetricName } from '../metrics/core/intervals.js';
import type { SlaKind } from '../metrics/core/sla.js';
import { SLA_KINDS, TREND_METRICS, type ChangeFigure, type MonthlyReportFigures, type RateFigure } from './monthly-report-figures.js';

/**
 * What moved between two versions of a month's report: every figure of the month whose printed value differs
 * (as the workbook prints it: durations `[h]:mm`, rates to 0.1 %, counts), and the incidents added to the month,
 * removed from it, or changed between the two (from the incident keys and last-change stamps each version
 * stored). Works on the two stored snapshots alone, so it never needs the data as it was. Pure.
 */

export interface MovedFigure {
  /** In plain words: `TTR median, SEV1`, `SLA breach rate, time to mitigate`, `Incidents`. */
  figure: string;
  /** As the previous version printed it; null where it printed nothing (no such row). */
  previous: string | null;
  current: string | null;
}

export interface MovedIncidents {
  /** Keys in this version's month, not in the previous version's (created since, or moved into the month). */
  added: string[];
  /** Keys in the previous version's month, not in this one (deleted, or moved out of the month). */
  removed: string[];
  /** In both, changed in between (the incident, its timeline, retrospective or action items). */
  changed: string[];
}

export interface FiguresDiff {
  figures: MovedFigure[];
  /** Null when either version predates the stored incident keys. */
  incidents: MovedIncidents | null;
}

const SHORT: Record<MetricName, string> = { ttd: 'TTD', tta: 'TTA', tte: 'TTE', ttm: 'TTM', ttr: 'TTR', ttRetro: 'Time to retro (business hours)' };
const SLA_WORDS: Record<SlaKind, string> = { ack: 'time to acknowledge', mitigate: 'time to mitigate', resolve: 'time to resolve' };

/** Seconds as an Excel `[h]:mm` cell shows them: whole hours, then minutes (the seconds dropped). */
export function durationText(seconds: number | null): string | null {
  if (seconds === null) return null;
  const minutes = Math.floor(Math.round(seconds) / 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A share as a `0.0%` cell shows it. */
export function percentText(share: number | null): string | null {
  return share === null ? null : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

const withN = (text: string | null, n: number): string => `${text ?? '–'} (n = ${n})`;
const rateText = (r: RateFigure): string => `${percentText(r.rate) ?? '–'} (${r.breached} of ${r.n})`;
const verdictText = (c: ChangeFigure): string => (c.pValue === null || c.verdict === 'too few incidents to tell' ? c.verdict : `${c.verdict} (p = ${c.pValue.toFixed(3)})`);

/** Every figure of a snapshot's month that the diff compares, by name, as printed. */
function printed(f: MonthlyReportFigures): Map<string, string> {
  const out = new Map<string, string>();
  const c = f.current;
  out.set('Incidents', String(c.incidents));
  for (const s of c.bySeverity) out.set(`Incidents, ${s.severity}`, String(s.incidents));
  out.set('Incidents excluded from metrics', String(c.excluded));
  for (const metric of METRIC_NAMES) {
    const d = c.durations[metric];
    out.set(`${SHORT[metric]} median`, withN(durationText(d.median), d.n));
    out.set(`${SHORT[metric]} p90`, withN(durationText(d.p90), d.n));
  }
  // Per severity, the report's month is the last of the twelve trend months.
  const last = f.trends.months.length - 1;
  for (const metric of TREND_METRICS) {
    for (const s of f.trends.durations[metric].bySeverity) {
      out.set(`${SHORT[metric]} median, ${s.severity}`, withN(durationText(s.median[last] ?? null), s.n[last] ?? 0));
      out.set(`${SHORT[metric]} p90, ${s.severity}`, withN(durationText(s.p90[last] ?? null), s.n[last] ?? 0));
    }
  }
  for (const kind of SLA_KINDS) {
    out.set(`SLA breach rate, ${SLA_WORDS[kind]}`, rateText(c.sla[kind]));
    for (const s of c.slaBySeverity) out.set(`SLA breach rate, ${SLA_WORDS[kind]}, ${s.severity}`, rateText(s.sla[kind]));
  }
  out.set('Open SLA breaches at generation', String(SLA_KINDS.reduce((sum, k) => sum + c.sla[k].open, 0)));
  out.set('Resolved incidents with a retrospective', withN(percentText(c.retros.share), c.retros.resolved));
  out.set('Retrospectives held on time', withN(percentText(c.retros.onTimeShare), c.retros.judged));
  out.set('Retrospectives overdue at generation', String(c.retros.overdue));
  out.set('Action items opened', String(c.actionItems.opened));
  out.set('Action items closed', String(c.actionItems.closedInMonth));
  out.set('Action items opened and overdue', String(c.actionItems.overdue));
  out.set('Action items done on time', withN(percentText(c.actionItems.onTimeShare), c.actionItems.doneJudged));
  out.set('Status-update cadence adherence', withN(percentText(c.comms.share), c.comms.n));
  for (const change of f.changes) out.set(`${SHORT[change.metric]} change vs ${f.previous.label}`, verdictText(change));
  for (const change of f.yearOverYear ?? []) out.set(`${SHORT[change.metric]} change vs ${f.lastYear.label}`, verdictText(change));
  return out;
}

function movedIncidents(previous: Record<string, string>, current: Record<string, string>): MovedIncidents {
  const byKey = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  return {
    added: Object.keys(current).filter((key) => !(key in previous)).sort(byKey),
    removed: Object.keys(previous).filter((key) => !(key in current)).sort(byKey),
    changed: Object.keys(current).filter((key) => key in previous && previous[key] !== current[key]).sort(byKey),
  };
}

/** What moved from `previous` (an earlier version of the month's report) to `current`, in the order the Summary sheet shows the figures. */
export function diffFigures(previous: MonthlyReportFigures, current: MonthlyReportFigures): FiguresDiff {
  const before = printed(previous);
  const after = printed(current);
  const names = [...after.keys(), ...[...before.keys()].filter((name) => !after.has(name))];
  const figures = names
    .filter((name) => before.get(name) !== after.get(name))
    .map((name) => ({ figure: name, previous: before.get(name) ?? null, current: after.get(name) ?? null }));
  const incidents = previous.printedIncidents && current.printedIncidents ? movedIncidents(previous.printedIncidents, current.printedIncidents) : null;
  return { figures, incidents };
}

/** One line on what moved, for the command line: how many figures (the first few named) and incidents. */
export function movedSummaryLine(previousVersion: number, diff: FiguresDiff, named = 3): string {
  const shown = diff.figures.slice(0, named).map((m) => `${m.figure} ${m.previous ?? '–'} → ${m.current ?? '–'}`);
  const more = diff.figures.length > named ? `, and ${diff.figures.length - named} more` : '';
  const figures = diff.figures.length === 0 ? 'no figure moved' : `${diff.figures.length} figure${diff.figures.length === 1 ? '' : 's'} moved (${shown.join('; ')}${more})`;
  const incidents = diff.incidents
    ? `incidents ${diff.incidents.added.length} added, ${diff.incidents.removed.length} removed, ${diff.incidents.changed.length} changed`
    : 'incidents not compared (the earlier version did not record them)';
  return `Since version ${previousVersion}: ${figures}; ${incidents}`;
}
