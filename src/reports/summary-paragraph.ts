import { formatDuration } from '../charts/duration-scale.js';
import type { ChangeFigure, MonthlyReportFigures, PeriodFigures } from './monthly-report-figures.js';

/**
 * The plain-language paragraph at the top of the Summary sheet and of the report's e-mail, written from the
 * figures alone: counts with their comparison months, medians with n, changes only as the change test labels
 * them, SLA, retrospectives and action items. Pure.
 */

export type SummaryInput = Pick<MonthlyReportFigures, 'label' | 'timeZone' | 'current' | 'previous' | 'lastYear' | 'changes' | 'severities'> & Partial<Pick<MonthlyReportFigures, 'yearOverYear'>>;

const percent = (share: number | null): string => (share === null ? '–' : `${Math.round(share * 100)} %`);

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

const METRIC_WORDS: Record<ChangeFigure['metric'], string> = {
  ttd: 'time to detect',
  tta: 'time to acknowledge',
  tte: 'time to engage',
  ttm: 'time to mitigate',
  ttr: 'time to resolve',
};

function pText(p: number | null): string {
  if (p === null) return '';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

function incidentsSentence(input: SummaryInput): string {
  const { current, previous, lastYear } = input;
  const severities = current.bySeverity.filter((s) => s.incidents > 0).map((s) => `${s.severity} ${s.incidents}`).join(', ');
  const excluded = current.excluded > 0 ? `, ${current.excluded} of them excluded from metrics` : '';
  return (
    `In ${input.label} (${input.timeZone}) ${plural(current.incidents, 'incident')} started (${severities}${excluded}), ` +
    `against ${previous.incidents} in ${previous.label} and ${lastYear.incidents} in ${lastYear.label}.`
  );
}

function durationSentence(current: PeriodFigures, metric: 'ttm' | 'ttr', change: ChangeFigure | undefined, previousLabel: string): string {
  const d = current.durations[metric];
  const words = METRIC_WORDS[metric];
  if (d.n === 0) return `No incident had a ${words} to measure.`;
  const figure = `Median ${words} was ${formatDuration(d.median)} (p90 ${formatDuration(d.p90)}, n = ${d.n})`;
  if (!change || change.verdict === 'too few incidents to tell') {
    return `${figure}; against ${previousLabel} there are too few incidents to tell whether it changed (n = ${change?.nPrevious ?? 0} and ${change?.nCurrent ?? d.n}).`;
  }
  const against = `n = ${change.nPrevious}, ${pText(change.pValue)}`;
  if (change.verdict === 'no clear change') return `${figure}: no clear change from ${previousLabel} (median ${formatDuration(change.medianPrevious)}, ${against}).`;
  return `${figure}: ${change.verdict} from ${formatDuration(change.medianPrevious)} in ${previousLabel} (${against}).`;
}

/** TTR and TTM against the same month last year, as the change test labels them; null when the figures have no such comparison. */
function yearOverYearSentence(input: SummaryInput): string | null {
  const parts = (['ttr', 'ttm'] as const).flatMap((metric) => {
    const change = input.yearOverYear?.find((c) => c.metric === metric);
    if (!change) return [];
    const words = METRIC_WORDS[metric];
    if (change.verdict === 'too few incidents to tell') return [`for ${words} there are too few incidents to tell (n = ${change.nPrevious} and ${change.nCurrent})`];
    const against = `n = ${change.nPrevious} and ${change.nCurrent}, ${pText(change.pValue)}`;
    return [change.verdict === 'no clear change' ? `${words} shows no clear change (${against})` : `${words} ${change.verdict} (${against})`];
  });
  return parts.length === 0 ? null : `Against ${input.lastYear.label}, ${parts.join('; ')}.`;
}

function slaSentence(current: PeriodFigures): string | null {
  const { mitigate, resolve } = current.sla;
  if (mitigate.n === 0 && resolve.n === 0) return null;
  const part = (name: string, r: PeriodFigures['sla']['mitigate']) => (r.n === 0 ? null : `${r.breached} of ${r.n} breached the ${name} target (${percent(r.rate)})`);
  const parts = [part('time-to-mitigate', mitigate), part('time-to-resolve', resolve)].filter((p): p is string => p !== null);
  const open = mitigate.open + resolve.open;
  return `SLA: ${parts.join('; ')}${open > 0 ? `; ${plural(open, 'open breach', 'open breaches')} at the time of this report` : ''}.`;
}

function retroSentence(current: PeriodFigures): string | null {
  const r = current.retros;
  if (r.resolved === 0) return null;
  const timing = r.judged > 0 ? `, ${percent(r.onTimeShare)} of those judged on time (n = ${r.judged})` : '';
  const overdue = r.overdue > 0 ? `; ${plural(r.overdue, 'retrospective')} overdue` : '';
  return `${percent(r.share)} of the ${plural(r.resolved, 'resolved incident')} had a retrospective${timing}${overdue}.`;
}

function actionItemSentence(current: PeriodFigures): string {
  const a = current.actionItems;
  if (a.opened === 0 && a.closedInMonth === 0) return 'No action items were opened or closed in the month.';
  const overdue = a.overdue === 0 ? 'none of those opened is overdue' : `${a.overdue} of those opened ${a.overdue === 1 ? 'is' : 'are'} overdue`;
  return `${plural(a.opened, 'action item')} ${a.opened === 1 ? 'was' : 'were'} opened and ${a.closedInMonth} closed in the month; ${overdue}.`;
}

/** The paragraph; a month without incidents says so and still compares and reports action items. */
export function summaryParagraph(input: SummaryInput): string {
  const { current, previous } = input;
  if (current.incidents === 0) {
    return (
      `No incidents started in ${input.label} (${input.timeZone}), against ${previous.incidents} in ${previous.label} and ${input.lastYear.incidents} in ${input.lastYear.label}. ` +
      actionItemSentence(current)
    );
  }
  const change = (metric: ChangeFigure['metric']) => input.changes.find((c) => c.metric === metric);
  return [
    incidentsSentence(input),
    durationSentence(current, 'ttr', change('ttr'), previous.label),
    durationSentence(current, 'ttm', change('ttm'), previous.label),
    yearOverYearSentence(input),
    slaSentence(current),
    retroSentence(current),
    actionItemSentence(current),
  ]
    .filter((s): s is string => s !== null)
    .join(' ');
}
