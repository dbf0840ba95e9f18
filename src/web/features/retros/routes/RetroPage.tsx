import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { formErrorsOf } from '../../../api/errors';
import { hasRole } from '../../../api/session';
import { useSession } from '../../../api/use-session';
import { Alert } from '../../../components/Alert';
import { PageTitle } from '../../../components/PageTitle';
import { formatDateTime } from '../../../lib/format';
import { retroKey, saveRetrospective, useIncident, useRetroTemplates, useRetrospective, useStartRetrospective, type Retrospective } from '../api/retros';
import { RetroActionItems } from '../components/RetroActionItems';
import { RetroForm } from '../components/RetroForm';
import { RetroSummary } from '../components/RetroSummary';
import '../retros.css';

/** /incidents/:incident/retro: the incident's blameless retrospective, its answers saved as typed, and its action items. */
export function RetroPage() {
  const { incident = '' } = useParams();
  const session = useSession();
  const canEdit = hasRole(session.data, 'responder');
  const incidentQuery = useIncident(incident);
  const retro = useRetrospective(incident, incidentQuery.isSuccess);
  const [justSubmitted, setJustSubmitted] = useState(false);
  const data = incidentQuery.data;

  return (
    <>
      <PageTitle title={`Retrospective ${data?.key ?? incident}`}>Retrospective{data ? `: ${data.key}` : ''}</PageTitle>
      {data && (
        <p className="lead retro-incident">
          <Link to={`/incidents/${encodeURIComponent(data.key)}`}>{data.title}</Link>
          <span className="muted"> · {data.severity}</span>
        </p>
      )}
      {incidentQuery.isPending && <p role="status">Loading…</p>}
      {incidentQuery.isError && <Alert tone="error">Could not load incident {incident}: {incidentQuery.error.message}</Alert>}
      {retro.isPending && incidentQuery.isSuccess && <p role="status">Loading the retrospective…</p>}
      {retro.isError && <Alert tone="error">Could not load the retrospective: {retro.error.message}</Alert>}
      {retro.isSuccess && retro.data === null && <StartRetro incident={incident} canEdit={canEdit} />}
      {retro.isSuccess && retro.data && data && (
        <>
          <RetroStatus retro={retro.data} />
          {justSubmitted && retro.data.status === 'submitted' && <Alert tone="success">Submitted. The incident records its retrospective as done.</Alert>}
          {canEdit && retro.data.status === 'draft' ? (
            <RetroForm key={retro.data.id} incident={incident} retro={retro.data} roles={[data.commander, data.investigator, data.comms, data.scribe]}
              onSubmitted={() => setJustSubmitted(true)} />
          ) : (
            <>
              <RetroSummary retro={retro.data} />
              {canEdit && <ReopenButton incident={incident} retro={retro.data} onReopened={() => setJustSubmitted(false)} />}
            </>
          )}
          <RetroActionItems incident={incident} retrospectiveId={retro.data.id} canEdit={canEdit} />
        </>
      )}
    </>
  );
}

function RetroStatus({ retro }: { retro: Retrospective }) {
  return (
    <p className="retro-status">
      {retro.status === 'submitted' ? (
        <span className="badge badge-completed">Submitted {formatDateTime(retro.submittedAt)}</span>
      ) : (
        <span className="badge badge-draft">Draft</span>
      )}
    </p>
  );
}

function StartRetro({ incident, canEdit }: { incident: string; canEdit: boolean }) {
  const templates = useRetroTemplates(canEdit);
  const start = useStartRetrospective(incident);
  const [templateId, setTemplateId] = useState('');
  if (!canEdit) return <p>This incident has no retrospective yet.</p>;
  const chosen = templateId || templates.data?.find((t) => t.isDefault)?.id || '';
  return (
    <form className="form form-inline" aria-labelledby="start-heading" onSubmit={(e) => { e.preventDefault(); start.mutate(chosen || undefined); }}>
      <h2 id="start-heading">Start the retrospective</h2>
      <div className="field">
        <label htmlFor="template">Template</label>
        <select id="template" value={chosen} onChange={(e) => setTemplateId(e.target.value)}>
          {(templates.data ?? []).map((t) => (
            <option key={t.id} value={t.id}>{t.name} (v{t.version}{t.isDefault ? ', default' : ''})</option>
          ))}
        </select>
      </div>
      {start.error && <Alert tone="error">{formErrorsOf(start.error, []).form}</Alert>}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={start.isPending}>{start.isPending ? 'Starting…' : 'Start retrospective'}</button>
      </div>
    </form>
  );
}

function ReopenButton({ incident, retro, onReopened }: { incident: string; retro: Retrospective; onReopened: () => void }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const reopen = async () => {
    try {
      queryClient.setQueryData(retroKey(incident), await saveRetrospective(incident, retro.version, { status: 'draft' }));
      onReopened();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="form-actions retro-reopen">
      <button type="button" className="button" onClick={() => void reopen()}>Reopen as a draft</button>
      {error !== null && <Alert tone="error">{formErrorsOf(error, []).form}</Alert>}
    </div>
  );
}
