import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/errors';
import { hasRole } from '../../../api/session';
import { useSession } from '../../../api/use-session';
import { Alert } from '../../../components/Alert';
import { PageTitle } from '../../../components/PageTitle';
import { useIncident, useReloadIncident, useUpdateIncident, type Incident, type UpdateIncident } from '../api/incidents';
import { IncidentForm } from '../components/IncidentForm';
import { updateBody, valuesOf } from '../lib/incident-form';
import '../incidents.css';

/**
 * Edit an incident (responders and admins): sends only what changed, with the version read. When someone else
 * saved in between (409 VERSION_CONFLICT) it says so and offers to reload their version (the edits here are lost).
 */
export function EditIncidentPage() {
  const { incident: param = '' } = useParams();
  const session = useSession();
  const incident = useIncident(param);

  if (incident.isPending) return <p role="status">Loading the incident…</p>;
  if (incident.isError) {
    return (
      <>
        <PageTitle title="Edit incident">Edit incident</PageTitle>
        <Alert tone="error">Could not load the incident: {incident.error.message}</Alert>
      </>
    );
  }
  const back = `/incidents/${encodeURIComponent(incident.data.key)}`;
  return (
    <>
      <PageTitle title={`Edit ${incident.data.key}`}>Edit {incident.data.key}</PageTitle>
      {hasRole(session.data, 'responder') ? (
        // Keyed on the version: after a reload the form starts again from what is saved now.
        <EditForm key={incident.data.version} incident={incident.data} param={param} back={back} />
      ) : (
        <Alert tone="info">
          Only responders and admins edit incidents; you are signed in as a viewer. <Link to={back}>Back to the incident</Link>
        </Alert>
      )}
    </>
  );
}

function EditForm({ incident, param, back }: { incident: Incident; param: string; back: string }) {
  const navigate = useNavigate();
  const update = useUpdateIncident(param);
  const reload = useReloadIncident(param);
  const [initial] = useState(() => valuesOf(incident));
  const conflict = update.error instanceof ApiError && update.error.code === 'VERSION_CONFLICT' ? update.error : null;

  return (
    <IncidentForm
      initial={initial}
      currentSeverity={incident.severity}
      submitLabel="Save changes"
      pending={update.isPending}
      error={conflict ? null : update.error}
      conflict={
        conflict ? (
          <div className="alert alert-error" role="alert">
            <p>Someone else changed this incident since you opened it (it is now version {String(conflict.body.currentVersion)}). Your changes are not saved.</p>
            <button type="button" className="button" onClick={() => void reload()}>
              Reload their version
            </button>
          </div>
        ) : undefined
      }
      onCancel={() => void navigate(back)}
      // mutateAsync, not mutate's onSuccess: the saved version re-keys this form (unmounting it) before such a callback would run.
      onSubmit={(values) => {
        update.mutateAsync(updateBody(initial, values, incident.version) as UpdateIncident).then(() => navigate(back), () => undefined);
      }}
    />
  );
}
