import { Alert } from '../../../components/Alert';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { formatDateTime } from '../../../lib/format';
import { useIncidentHistory, type AuditEvent } from '../api/incidents';

const MAX_VALUE = 120;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A value of the audit trail as short text: instants as the app writes them, other strings as they are, lists joined, anything else as JSON, long ones cut. */
function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && INSTANT.test(value)) return formatDateTime(value);
  const text = typeof value === 'string' ? value : Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.join(', ') || '—' : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

/** Who changed what and when (GET /incidents/{incident}/history): the incident, its timeline, retrospective and action items. */
export function HistorySection({ incident }: { incident: string }) {
  const history = useIncidentHistory(incident);
  const events = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="history-heading" className="card">
      <h2 id="history-heading">History</h2>
      {history.isPending && <p role="status">Loading…</p>}
      {history.isError && <Alert tone="error">Could not load the history: {history.error.message}</Alert>}
      {events.length > 0 && (
        <ol className="history">
          {events.map((event) => (
            <HistoryEvent key={event.id} event={event} />
          ))}
        </ol>
      )}
      {history.hasNextPage && (
        <LoadMoreButton loading={history.isFetchingNextPage} onLoad={() => void history.fetchNextPage()} />
      )}
    </section>
  );
}

function HistoryEvent({ event }: { event: AuditEvent }) {
  return (
    <li className="history-event">
      <p className="timeline-meta">
        <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time> · {event.actor.name} · <code>{event.action}</code>
        {event.entity.type !== 'incident' && event.entity.label && <> · {event.entity.label}</>}
      </p>
      {event.changes.length > 0 && event.action.endsWith('.update') && (
        <ul className="history-changes">
          {event.changes.map((change) => (
            <li key={change.field}>
              <span className="history-field">{change.field}</span>: {show(change.before)} → {show(change.after)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
