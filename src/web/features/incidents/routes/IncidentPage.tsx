import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/errors';
import { hasRole } from '../../../api/session';
import { useSession } from '../../../api/use-session';
import { Alert } from '../../../components/Alert';
import { PageTitle } from '../../../components/PageTitle';
import { formatDateTime } from '../../../lib/format';
import { useIncident, type Incident } from '../api/incidents';
import { ActionItemsSection, RetroSection, SeverityHistorySection, TimelineSection } from '../components/ActivitySections';
import { HistorySection } from '../components/HistorySection';
import { IMPACT_SCOPE_TEXT, STATUS_TEXT } from '../components/labels';
import { MeasuresSection } from '../components/MeasuresSection';
import { MilestoneAxis } from '../components/MilestoneAxis';
import '../incidents.css';

/** One incident: what happened, its milestones on a time axis, intervals and SLA, timeline, severity history, action items, retro and history. */
export function IncidentPage() {
  const { incident: param = '' } = useParams();
  const session = useSession();
  const incident = useIncident(param);
  const canEdit = hasRole(session.data, 'responder');

  if (incident.isPending) return <p role="status">Loading the incident…</p>;
  if (incident.isError) {
    const notFound = incident.error instanceof ApiError && incident.error.status === 404;
    return (
      <>
        <PageTitle title={notFound ? 'Incident not found' : 'Incident'}>{notFound ? 'Incident not found' : 'Incident'}</PageTitle>
        <Alert tone="error">{notFound ? `There is no incident ${param}.` : `Could not load the incident: ${incident.error.message}`}</Alert>
        <p>
          <Link to="/incidents">All incidents</Link>
        </p>
      </>
    );
  }
  const data = incident.data;
  const key = data.key;

  return (
    <>
      <PageTitle title={`${key} ${data.title}`}>
        <span className="incident-key">{key}</span> {data.title}
      </PageTitle>
      <div className="page-actions incident-badges">
        <p>
          <span className="badge badge-severity">{data.severity}</span>{' '}
          <span className={`badge badge-status-${data.status}`}>{STATUS_TEXT[data.status]}</span>
          {data.excludedFromMetrics && <span className="badge badge-excluded">Excluded from metrics{data.exclusionReason ? `: ${data.exclusionReason}` : ''}</span>}
        </p>
        {canEdit && (
          <Link to={`/incidents/${encodeURIComponent(key)}/edit`} className="button">
            Edit incident
          </Link>
        )}
      </div>
      <div className="incident-grid">
        <section aria-labelledby="about-heading" className="card">
          <h2 id="about-heading">About</h2>
          <IncidentFacts incident={data} />
        </section>
        <section aria-labelledby="milestones-heading" className="card">
          <h2 id="milestones-heading">Milestones</h2>
          <MilestoneAxis incident={data} />
        </section>
      </div>
      <MeasuresSection incident={key} version={data.version} />
      <div className="incident-grid">
        <RetroSection incident={key} canEdit={canEdit} />
        <SeverityHistorySection incident={key} version={data.version} />
      </div>
      <ActionItemsSection incident={key} />
      <TimelineSection incident={key} />
      <HistorySection incident={key} />
    </>
  );
}

function IncidentFacts({ incident }: { incident: Incident }) {
  const facts: [string, string | null][] = [
    ['Customer impact', incident.customerImpact || null],
    ['Impact scope', IMPACT_SCOPE_TEXT[incident.impactScope]],
    ['Customers impacted', incident.knownCustomersImpacted.join(', ') || null],
    ['Services', incident.services.join(', ') || null],
    ['Owning team', incident.owningTeam],
    ['Peak severity', incident.peakSeverity],
    ['Commander', incident.commander],
    ['Investigator', incident.investigator],
    ['Communications', incident.comms],
    ['Scribe', incident.scribe],
    ['Tags', incident.tags.join(', ') || null],
    ['Source', incident.externalId ? `${incident.source} (${incident.externalId})` : incident.source],
    ['Last changed', `${formatDateTime(incident.updatedAt)} (version ${incident.version})`],
  ];
  return (
    <dl className="facts">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value ?? <span className="muted">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}
