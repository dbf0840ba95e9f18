import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { hasRole } from '../../../api/session';
import { useSession } from '../../../api/use-session';
import { Alert } from '../../../components/Alert';
import { PageTitle } from '../../../components/PageTitle';
import { useCreateIncident, type CreateIncident } from '../api/incidents';
import { IncidentForm } from '../components/IncidentForm';
import { createBody, emptyValues } from '../lib/incident-form';
import '../incidents.css';

/** Declare or record an incident (responders and admins); on success, its page. */
export function NewIncidentPage() {
  const session = useSession();
  const navigate = useNavigate();
  const create = useCreateIncident();
  const [initial] = useState(() => emptyValues(new Date()));

  return (
    <>
      <PageTitle title="Declare an incident">Declare an incident</PageTitle>
      {hasRole(session.data, 'responder') ? (
        <IncidentForm
          initial={initial}
          submitLabel="Declare incident"
          pending={create.isPending}
          error={create.error}
          onCancel={() => void navigate('/incidents')}
          onSubmit={(values) =>
            create.mutate(createBody(values) as CreateIncident, { onSuccess: (created) => void navigate(`/incidents/${encodeURIComponent(created.key)}`) })
          }
        />
      ) : (
        <Alert tone="info">
          Only responders and admins declare incidents; you are signed in as a viewer. <Link to="/incidents">All incidents</Link>
        </Alert>
      )}
    </>
  );
}
