import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import type { Incident } from '../api/incidents';
import { STATUS_TEXT } from './labels';

/** A page of incidents: key (link to its page), title, severity, status, start, services, team, source. */
export function IncidentsTable({ incidents }: { incidents: Incident[] }) {
  return (
    <table className="table table-stack">
      <caption className="visually-hidden">Incidents, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Incident</th>
          <th scope="col">Title</th>
          <th scope="col">Severity</th>
          <th scope="col">Status</th>
          <th scope="col">Started</th>
          <th scope="col">Services</th>
          <th scope="col">Team</th>
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((incident) => (
          <tr key={incident.id}>
            <th scope="row" data-label="Incident">
              <Link to={`/incidents/${encodeURIComponent(incident.key)}`}>{incident.key}</Link>
            </th>
            <td data-label="Title" className="incident-title-cell">
              {incident.title}
              {incident.excludedFromMetrics && <span className="cell-note">Excluded from metrics</span>}
            </td>
            <td data-label="Severity">
              <span className="badge badge-severity">{incident.severity}</span>
              {incident.peakSeverity !== incident.severity && <span className="cell-note">peak {incident.peakSeverity}</span>}
            </td>
            <td data-label="Status">
              <span className={`badge badge-status-${incident.status}`}>{STATUS_TEXT[incident.status]}</span>
            </td>
            <td data-label="Started">{formatDateTime(incident.startedAt)}</td>
            <td data-label="Services">{incident.services.length ? incident.services.join(', ') : <span className="muted">—</span>}</td>
            <td data-label="Team">{incident.owningTeam ?? <span className="muted">—</span>}</td>
            <td data-label="Source">{incident.source}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
