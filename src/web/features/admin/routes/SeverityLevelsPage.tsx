import { useState } from 'react';
import { Link } from 'react-router';
import { formErrorsOf } from '../../../api/errors';
import { Alert } from '../../../components/Alert';
import { PageTitle } from '../../../components/PageTitle';
import { useDeleteSeverityLevel, useSeverityLevels, type SeverityLevel } from '../api/severity-levels';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { SeverityLevelForm } from '../components/SeverityLevelForm';
import { SeverityLevelsTable } from '../components/SeverityLevelsTable';

/** /admin/severity-levels: the levels and their SLA targets; add, edit, delete (while nothing refers to a level). */
export function SeverityLevelsPage() {
  const levels = useSeverityLevels();
  const remove = useDeleteSeverityLevel();
  const [editing, setEditing] = useState<SeverityLevel | 'new' | null>(null);
  const [deleting, setDeleting] = useState<SeverityLevel | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const confirmDelete = () => {
    if (!deleting) return;
    remove.mutate(deleting, {
      onSuccess: () => {
        setNotice(`Deleted ${deleting.key}.`);
        setDeleting(null);
      },
    });
  };

  return (
    <>
      <PageTitle title="Severity levels · Admin">Severity levels and SLA targets</PageTitle>
      <div className="admin-note">
        <p>
          <strong>What a change does.</strong> Metrics judge every incident against its peak severity&rsquo;s targets <em>as they are now</em>: a
          new target changes the SLA breach counts and rates of past months too (a new status-update cadence or retro due time, the comms and
          retro-on-time figures), on the dashboard and in the API.
        </p>
        <p>
          A monthly report already generated keeps its figures; its “changes since” lists the change as a configuration change. Regenerate the month
          on the <Link to="/reports">Reports</Link> page to apply it. Every change is recorded in the audit trail.
        </p>
      </div>
      {notice && <Alert tone="success">{notice}</Alert>}
      {editing === null && (
        <div className="admin-toolbar">
          <button type="button" className="button button-primary" onClick={() => { setNotice(null); setEditing('new'); }}>
            Add a severity level
          </button>
        </div>
      )}
      {editing !== null && (
        <SeverityLevelForm
          key={editing === 'new' ? 'new' : editing.id}
          level={editing === 'new' ? null : editing}
          onSaved={(saved) => {
            setNotice(editing === 'new' ? `Added ${saved.key}.` : `Saved ${saved.key}.`);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <section aria-labelledby="levels-heading">
        <h2 id="levels-heading">Levels</h2>
        {levels.isPending && <p role="status">Loading severity levels…</p>}
        {levels.isError && <Alert tone="error">Could not load the severity levels: {levels.error.message}</Alert>}
        {levels.isSuccess && levels.data.length === 0 && <p>No severity levels. Add one: incidents need a level.</p>}
        {levels.isSuccess && levels.data.length > 0 && (
          <div className="table-scroll">
            <SeverityLevelsTable
              levels={levels.data}
              onEdit={(level) => { setNotice(null); setEditing(level); }}
              onDelete={(level) => { remove.reset(); setDeleting(level); }}
            />
          </div>
        )}
      </section>
      {deleting && (
        <ConfirmDialog
          title={`Delete the severity level ${deleting.key}?`}
          confirmLabel={`Delete ${deleting.key}`}
          pending={remove.isPending}
          error={remove.error ? formErrorsOf(remove.error, []).form : undefined}
          onConfirm={confirmDelete}
          onCancel={() => setDeleting(null)}
        >
          <p>
            {deleting.name} ({deleting.key}) and its SLA targets go away. The service refuses while any incident or severity change refers to
            it: history is never rewritten.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
