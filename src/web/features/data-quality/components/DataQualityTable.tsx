import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import type { DataQualityIncident } from '../api/data-quality';
import { METRICS, metricLabel, milestoneLabel, reasonText } from '../lib/metrics';

const ORDER = new Map<string, number>(METRICS.map((metric, index) => [metric.key, index]));

/** The incidents left out of a metric or with milestones out of order: which metrics, why, and a link to fix each. */
export function DataQualityTable({ incidents }: { incidents: DataQualityIncident[] }) {
  return (
    <table className="table table-stack dq-incidents">
      <caption className="visually-hidden">Incidents left out of a metric, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Incident</th>
          <th scope="col">Started</th>
          <th scope="col">Left out of</th>
          <th scope="col">Milestones out of order</th>
          <th scope="col">Fix</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((incident) => {
          const leftOut = Object.entries(incident.leftOutOf).sort(([a], [b]) => (ORDER.get(a) ?? 99) - (ORDER.get(b) ?? 99));
          return (
            <tr key={incident.id}>
              <th scope="row" data-label="Incident" className="dq-incident">
                <span className="dq-key">{incident.key}</span>
                <span className="dq-title">{incident.title}</span>
              </th>
              <td data-label="Started">{formatDateTime(incident.startedAt)}</td>
              <td data-label="Left out of">
                {incident.excludedFromMetrics && (
                  <p className="dq-excluded">
                    Every metric: excluded{incident.exclusionReason ? ` (${incident.exclusionReason})` : ''}
                  </p>
                )}
                {!incident.excludedFromMetrics && leftOut.length === 0 && <span className="muted">None: every metric counts it</span>}
                {!incident.excludedFromMetrics && leftOut.length > 0 && (
                  <ul className="dq-reasons">
                    {leftOut.map(([metric, reason]) => (
                      <li key={metric}>
                        <strong>{metricLabel(metric)}</strong>: {reasonText(metric, reason)}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td data-label="Out of order">
                {incident.outOfOrderPairs.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  <ul className="dq-reasons">
                    {incident.outOfOrderPairs.map((pair) => (
                      <li key={`${pair.earlier.field}-${pair.later.field}`}>
                        {milestoneLabel(pair.later.field)} {formatDateTime(pair.later.value)} is before {milestoneLabel(pair.earlier.field)}{' '}
                        {formatDateTime(pair.earlier.value)}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td data-label="Fix">
                <Link to={`/incidents/${encodeURIComponent(incident.key)}`}>
                  Fix<span className="visually-hidden"> {incident.key}</span>
                </Link>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
