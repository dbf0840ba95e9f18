import type { DataQualityPage } from '../api/data-quality';
import { METRICS } from '../lib/metrics';

/** What the metrics count in the scope: the totals, then per metric counted + excluded + missing + order = incidents. */
export function DataQualitySummary({ summary }: { summary: DataQualityPage['summary'] }) {
  const tiles = [
    ['Incidents in range', summary.incidents],
    ['Excluded from metrics', summary.excluded],
    ['Missing a milestone', summary.missing],
    ['End before start', summary.order],
    ['Milestones out of order', summary.outOfOrder],
  ] as const;
  return (
    <section aria-labelledby="dq-summary-heading">
      <h2 id="dq-summary-heading">What each metric counts</h2>
      <dl className="dq-tiles">
        {tiles.map(([label, value]) => (
          <div key={label} className="dq-tile">
            <dt>{label}</dt>
            <dd>{value.toLocaleString('en-GB')}</dd>
          </div>
        ))}
      </dl>
      <div className="table-scroll">
        <table className="table table-stack dq-metrics">
          <caption className="visually-hidden">Incidents each metric counts and leaves out, by reason</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Counted</th>
              <th scope="col">Excluded</th>
              <th scope="col">Missing a milestone</th>
              <th scope="col">End before start</th>
            </tr>
          </thead>
          <tbody>
            {METRICS.map((metric) => {
              const counts = summary.byMetric[metric.key];
              if (!counts) return null;
              return (
                <tr key={metric.key}>
                  <th scope="row" data-label="Metric">{metric.label}</th>
                  <td data-label="Counted">{counts.counted.toLocaleString('en-GB')}</td>
                  <td data-label="Excluded">{counts.excluded.toLocaleString('en-GB')}</td>
                  <td data-label="Missing">{counts.missing.toLocaleString('en-GB')}</td>
                  <td data-label="End before start">{counts.order.toLocaleString('en-GB')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
