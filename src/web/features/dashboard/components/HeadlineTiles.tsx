import { formatDuration } from '../../../../charts/duration-scale';
import { METRIC_TEXT } from '../../../../charts/chart-definitions';
import { plural } from '../../../lib/format';
import { DASHBOARD_METRICS, formatPValue, formatShare, type MetricsResponse, type StartTimes, type TileChange } from '../lib/dashboard-charts';
import { formatShortMonth } from '../../../lib/format';

interface HeadlineTilesProps {
  summary: MetricsResponse;
  changes: Record<(typeof DASHBOARD_METRICS)[number], TileChange | null | undefined>;
  startTimes: StartTimes | undefined;
}

const VERDICT_CLASS: Record<TileChange['verdict'], string> = {
  improved: 'verdict-improved',
  regressed: 'verdict-regressed',
  'no clear change': 'verdict-neutral',
  'too few incidents to tell': 'verdict-neutral',
};

/**
 * The range at a glance: incidents, each duration's median and p90 with its n, the latest month's change against
 * the month before (the API's Mann–Whitney verdict and p-value, or "too few incidents to tell"), and the share of
 * incidents that started out of hours with its n.
 */
export function HeadlineTiles({ summary, changes, startTimes }: HeadlineTilesProps) {
  const all = summary.groups[0];
  return (
    <ul className="tiles" aria-label="Headline figures">
      <li className="tile">
        <span className="tile-label">Incidents</span>
        <span className="tile-value">{all?.incidents ?? 0}</span>
        <span className="tile-n">started in the range, excluded ones included</span>
      </li>
      {DASHBOARD_METRICS.map((metric) => {
        const figure = all?.metrics[metric];
        const change = changes[metric];
        const text = METRIC_TEXT[metric];
        return (
          <li className="tile" key={metric}>
            <span className="tile-label">
              <abbr title={text.name}>{text.abbreviation}</abbr> median
            </span>
            <span className="tile-value">{formatDuration(figure?.median ?? null)}</span>
            <span className="tile-n">
              n = {figure?.n ?? 0} · p90 {formatDuration(figure?.p90 ?? null)}
            </span>
            {change === undefined ? (
              <span className="tile-change muted">Comparing…</span>
            ) : change === null ? (
              <span className="tile-change muted">No ended month with one before it in the range</span>
            ) : (
              <span className="tile-change">
                {formatShortMonth(change.period)} vs month before:{' '}
                <strong className={VERDICT_CLASS[change.verdict]}>{change.verdict}</strong>
                {change.pValue !== null && change.verdict !== 'too few incidents to tell' && <> ({formatPValue(change.pValue)})</>}
                <span className="tile-n">
                  {' '}n = {change.nPrevious} → {change.nCurrent}
                </span>
              </span>
            )}
          </li>
        );
      })}
      <li className="tile">
        <span className="tile-label">Started out of hours</span>
        <span className="tile-value">{formatShare(startTimes?.outOfHoursShare ?? null)}</span>
        <span className="tile-n">
          {startTimes ? `${startTimes.outOfHours} of n = ${startTimes.incidents}` : 'Loading…'} ({plural(startTimes?.excluded ?? 0, 'excluded incident')} not counted)
        </span>
      </li>
    </ul>
  );
}
