import { Link } from 'react-router';
import { Alert } from '../../../components/Alert';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { formatDateTime } from '../../../lib/format';
import { useIncidentActionItems, useRetrospective, useSeverityHistory, useTimeline } from '../api/incidents';

const KIND_TEXT: Record<string, string> = { note: 'Note', status_update: 'Status update', severity_change: 'Severity change', milestone: 'Milestone', action: 'Action' };

/** The timeline in the order things happened, 50 entries at a time. */
export function TimelineSection({ incident }: { incident: string }) {
  const timeline = useTimeline(incident);
  const entries = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="timeline-heading" className="card">
      <h2 id="timeline-heading">Timeline</h2>
      {timeline.isPending && <p role="status">Loading…</p>}
      {timeline.isError && <Alert tone="error">Could not load the timeline: {timeline.error.message}</Alert>}
      {timeline.isSuccess && entries.length === 0 && <p className="muted">Nothing on the timeline yet.</p>}
      {entries.length > 0 && (
        <ol className="timeline">
          {entries.map((entry) => (
            <li key={entry.id} className="timeline-entry">
              <p className="timeline-meta">
                <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time> · <span className="badge badge-kind">{KIND_TEXT[entry.kind] ?? entry.kind}</span>
                {entry.author && <> · {entry.author}</>}
              </p>
              <p className="timeline-body">{entry.body}</p>
            </li>
          ))}
        </ol>
      )}
      {timeline.hasNextPage && (
        <LoadMoreButton loading={timeline.isFetchingNextPage} onLoad={() => void timeline.fetchNextPage()} />
      )}
    </section>
  );
}

/** Every severity the incident had, oldest first, with who changed it and why. */
export function SeverityHistorySection({ incident, version }: { incident: string; version: number }) {
  const history = useSeverityHistory(incident, version);
  return (
    <section aria-labelledby="severity-heading" className="card">
      <h2 id="severity-heading">Severity history</h2>
      {history.isPending && <p role="status">Loading…</p>}
      {history.isError && <Alert tone="error">Could not load the severity history: {history.error.message}</Alert>}
      {history.data && (
        <ol className="plain-list">
          {history.data.map((change) => (
            <li key={change.id}>
              <strong>{change.from ? `${change.from} → ${change.to}` : change.to}</strong> <span className="muted">{formatDateTime(change.changedAt)}{change.changedBy ? ` · ${change.changedBy}` : ''}</span>
              {change.reason && <span className="cell-note">{change.reason}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const PRIORITY_TEXT: Record<string, string> = { high: 'High', medium: 'Medium', low: 'Low' };
const ITEM_STATUS_TEXT: Record<string, string> = { open: 'Open', in_progress: 'In progress', done: 'Done', wont_do: 'Won’t do' };

/** The incident's action items (all of them; the Action items page works through them across incidents). */
export function ActionItemsSection({ incident }: { incident: string }) {
  const items = useIncidentActionItems(incident);
  const list = items.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="action-items-heading" className="card">
      <h2 id="action-items-heading">Action items</h2>
      {items.isPending && <p role="status">Loading…</p>}
      {items.isError && <Alert tone="error">Could not load the action items: {items.error.message}</Alert>}
      {items.isSuccess && list.length === 0 && <p className="muted">No action items yet; they come out of the retrospective.</p>}
      {list.length > 0 && (
        <ul className="plain-list">
          {list.map((item) => (
            <li key={item.id}>
              <strong>{item.title}</strong>{' '}
              <span className={`badge badge-item-${item.status}`}>{ITEM_STATUS_TEXT[item.status]}</span>
              {item.overdue && <span className="badge badge-overdue">Overdue</span>}
              <span className="cell-note">
                {PRIORITY_TEXT[item.priority]} priority · {item.owner ?? 'no owner'}{item.team ? ` (${item.team})` : ''} · due {item.dueDate ?? '—'}
              </span>
            </li>
          ))}
        </ul>
      )}
      {items.hasNextPage && (
        <LoadMoreButton loading={items.isFetchingNextPage} onLoad={() => void items.fetchNextPage()} />
      )}
      <p>
        <Link to="/action-items">All open action items</Link>
      </p>
    </section>
  );
}

/** Whether the retrospective is started, a draft or submitted, and the link to its form. */
export function RetroSection({ incident, canEdit }: { incident: string; canEdit: boolean }) {
  const retro = useRetrospective(incident);
  const href = `/incidents/${encodeURIComponent(incident)}/retro`;
  return (
    <section aria-labelledby="retro-heading" className="card">
      <h2 id="retro-heading">Retrospective</h2>
      {retro.isPending && <p role="status">Loading…</p>}
      {retro.isError && <Alert tone="error">Could not load the retrospective: {retro.error.message}</Alert>}
      {retro.isSuccess && retro.data === null && (
        <p>
          Not started. {canEdit ? <Link to={href}>Start the retrospective</Link> : <span className="muted">A responder starts it.</span>}
        </p>
      )}
      {retro.data && (
        <>
          <p>
            <span className={`badge badge-retro-${retro.data.status}`}>{retro.data.status === 'submitted' ? 'Submitted' : 'Draft'}</span>{' '}
            {retro.data.status === 'submitted' ? `on ${formatDateTime(retro.data.submittedAt)}` : `${retro.data.questions.filter((q) => q.answer).length} of ${retro.data.questions.length} questions answered`}
          </p>
          <p className="muted">
            Facilitator: {retro.data.facilitator ?? '—'} · held {retro.data.heldAt ? formatDateTime(retro.data.heldAt) : 'not yet'}
          </p>
          <p>
            <Link to={href}>{canEdit && retro.data.status === 'draft' ? 'Continue the retrospective' : 'Read the retrospective'}</Link>
          </p>
        </>
      )}
    </section>
  );
}
