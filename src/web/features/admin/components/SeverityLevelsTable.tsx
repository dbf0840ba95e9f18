import type { SeverityLevel } from '../api/severity-levels';
import { formatTarget } from '../lib/target-duration';

/** The levels, most severe first, with their SLA targets and (admin) edit and delete buttons. */
export function SeverityLevelsTable({ levels, onEdit, onDelete }: { levels: SeverityLevel[]; onEdit: (level: SeverityLevel) => void; onDelete: (level: SeverityLevel) => void }) {
  return (
    <table className="table table-stack">
      <caption className="visually-hidden">Severity levels, most severe first, with their SLA targets</caption>
      <thead>
        <tr>
          <th scope="col">Level</th>
          <th scope="col">Rank</th>
          <th scope="col">Name</th>
          <th scope="col">Acknowledge</th>
          <th scope="col">Mitigate</th>
          <th scope="col">Resolve</th>
          <th scope="col">Status updates</th>
          <th scope="col">Retro within</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {levels.map((level) => (
          <tr key={level.id}>
            <th scope="row" data-label="Level">
              {level.key}
            </th>
            <td data-label="Rank">{level.rank}</td>
            <td data-label="Name" className="cell-text">
              {level.name}
              {level.description && <span className="cell-note">{level.description}</span>}
            </td>
            <td data-label="Acknowledge">{formatTarget(level.ackTargetSeconds)}</td>
            <td data-label="Mitigate">{formatTarget(level.mitigateTargetSeconds)}</td>
            <td data-label="Resolve">{formatTarget(level.resolveTargetSeconds)}</td>
            <td data-label="Status updates">{level.updateCadenceSeconds === null ? 'No cadence' : `every ${formatTarget(level.updateCadenceSeconds)}`}</td>
            <td data-label="Retro within">{level.retroDueBusinessHours === null ? 'No target' : `${level.retroDueBusinessHours} business h`}</td>
            <td data-label="Actions">
              <div className="row-actions">
                <button type="button" className="button button-small" onClick={() => onEdit(level)}>
                  Edit<span className="visually-hidden"> {level.key}</span>
                </button>
                <button type="button" className="button button-small" onClick={() => onDelete(level)}>
                  Delete<span className="visually-hidden"> {level.key}</span>
                </button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
