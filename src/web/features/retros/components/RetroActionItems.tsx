import { useState, type FormEvent } from 'react';
import { formErrorsOf } from '../../../api/errors';
import { Alert } from '../../../components/Alert';
import { FormField } from '../../../components/FormField';
import { useCreateActionItem, useIncidentActionItems, useTeams } from '../api/retros';

const FIELDS = ['title', 'owner', 'dueDate', 'team'] as const;
const STATUS_TEXT = { open: 'Open', in_progress: 'In progress', done: 'Done', wont_do: 'Won’t do' } as const;

/** The incident's action items, and (responders) a form to add one from this retrospective with its owner and due date. */
export function RetroActionItems({ incident, retrospectiveId, canEdit }: { incident: string; retrospectiveId: string; canEdit: boolean }) {
  const items = useIncidentActionItems(incident, true);
  const list = items.data?.items ?? [];
  return (
    <section aria-labelledby="retro-items-heading" className="retro-items">
      <h2 id="retro-items-heading">Action items</h2>
      {items.isPending && <p role="status">Loading action items…</p>}
      {items.isError && <Alert tone="error">Could not load the action items: {items.error.message}</Alert>}
      {items.isSuccess && list.length === 0 && <p className="muted">No action items yet.</p>}
      {list.length > 0 && (
        <ul className="item-list">
          {list.map((item) => (
            <li key={item.id}>
              <span className="item-title">{item.title}</span>
              <span className="cell-note">
                {STATUS_TEXT[item.status]} · owner {item.owner ?? '—'}
                {item.team ? ` (${item.team})` : ''} · due {item.dueDate ?? '—'}
                {item.overdue && <span className="badge badge-overdue">Overdue</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canEdit && <NewActionItemForm incident={incident} retrospectiveId={retrospectiveId} />}
    </section>
  );
}

function NewActionItemForm({ incident, retrospectiveId }: { incident: string; retrospectiveId: string }) {
  const create = useCreateActionItem(incident, retrospectiveId);
  const teams = useTeams(true);
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [team, setTeam] = useState('');
  const errors = create.error ? formErrorsOf(create.error, FIELDS) : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(
      { title: title.trim(), owner: owner.trim() || null, dueDate: dueDate || null, team: team || null },
      { onSuccess: () => { setTitle(''); setOwner(''); setDueDate(''); setTeam(''); } },
    );
  };

  return (
    <form className="form form-inline item-form" onSubmit={onSubmit} noValidate aria-labelledby="new-item-heading">
      <h3 id="new-item-heading">Add an action item</h3>
      <FormField label="What is to be done" name="title" autoComplete="off" value={title} onChange={(e) => setTitle(e.target.value)} error={errors?.fields.title} />
      <div className="item-form-row">
        <FormField label="Owner" name="owner" autoComplete="off" value={owner} onChange={(e) => setOwner(e.target.value)} error={errors?.fields.owner} />
        <FormField label="Due date" name="dueDate" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} error={errors?.fields.dueDate} />
        <div className="field">
          <label htmlFor="new-item-team">Team</label>
          <select id="new-item-team" value={team} onChange={(e) => setTeam(e.target.value)} aria-invalid={errors?.fields.team ? true : undefined}>
            <option value="">No team</option>
            {(teams.data ?? []).map((t) => (
              <option key={t.id} value={t.name}>{t.name}</option>
            ))}
          </select>
          {errors?.fields.team && <p className="field-error">{errors.fields.team}</p>}
        </div>
      </div>
      {errors?.form && <Alert tone="error">{errors.form}</Alert>}
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending}>{create.isPending ? 'Adding…' : 'Add action item'}</button>
      </div>
    </form>
  );
}
