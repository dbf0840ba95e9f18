import { Link } from 'react-router';
import type { ActionItem } from '../api/action-items';

const STATUS_TEXT: Record<ActionItem['status'], string> = { open: 'Open', in_progress: 'In progress', done: 'Done', wont_do: 'Won’t do' };
const PRIORITY_TEXT: Record<ActionItem['priority'], string> = { high: 'High', medium: 'Medium', low: 'Low' };

interface ActionItemsTableProps {
  items: ActionItem[];
  /** Responders and admins: a "Mark done" button per row. */
  onMarkDone?: (item: ActionItem) => void;
  busyId?: string;
}

/** Open action items across incidents, each linked to its incident. */
export function ActionItemsTable({ items, onMarkDone, busyId }: ActionItemsTableProps) {
  return (
    <table className="table table-stack">
      <caption className="visually-hidden">Open action items, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Action item</th>
          <th scope="col">Incident</th>
          <th scope="col">Owner</th>
          <th scope="col">Team</th>
          <th scope="col">Due</th>
          <th scope="col">Priority</th>
          <th scope="col">Status</th>
          {onMarkDone && <th scope="col"><span className="visually-hidden">Actions</span></th>}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <th scope="row" data-label="Action item" className="item-cell">{item.title}</th>
            <td data-label="Incident">
              <Link to={`/incidents/${encodeURIComponent(item.incidentKey)}`}>{item.incidentKey}</Link>
            </td>
            <td data-label="Owner">{item.owner ?? <span className="muted">—</span>}</td>
            <td data-label="Team">{item.team ?? <span className="muted">—</span>}</td>
            <td data-label="Due">
              {item.dueDate ?? <span className="muted">—</span>}
              {item.overdue && <span className="badge badge-overdue">Overdue</span>}
            </td>
            <td data-label="Priority">{PRIORITY_TEXT[item.priority]}</td>
            <td data-label="Status">{STATUS_TEXT[item.status]}</td>
            {onMarkDone && (
              <td data-label="Actions">
                <button type="button" className="button button-small" disabled={busyId === item.id} onClick={() => onMarkDone(item)}>
                  Mark done<span className="visually-hidden">: {item.title}</span>
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
