import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import type { ImportRun } from '../api/imports';
import { StatusBadge } from './StatusBadge';

/** The non-zero counts of an import, e.g. "4 created, 1 rejected"; "nothing" when all are zero. */
export function resultOf(run: ImportRun): string {
  const parts = (['created', 'updated', 'unchanged', 'rejected', 'flagged', 'shortened'] as const)
    .filter((key) => run[key] > 0)
    .map((key) => `${run[key].toLocaleString('en-GB')} ${key}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

/** Past imports and dry runs, newest first; each links to its report. */
export function ImportsTable({ runs }: { runs: ImportRun[] }) {
  return (
    <table className="table table-stack">
      <caption className="visually-hidden">Imports, newest first</caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Started</th>
          <th scope="col">Kind</th>
          <th scope="col">Format</th>
          <th scope="col">Status</th>
          <th scope="col">Records</th>
          <th scope="col">Result</th>
          <th scope="col">By</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <th scope="row" data-label="File" className="import-file-cell">
              <Link to={`/imports/${encodeURIComponent(run.id)}`}>{run.fileName}</Link>
            </th>
            <td data-label="Started">{formatDateTime(run.startedAt)}</td>
            <td data-label="Kind">{run.dryRun ? 'Dry run' : 'Import'}</td>
            <td data-label="Format">
              {run.format}
              {run.source !== run.format && <span className="cell-note">source {run.source}</span>}
            </td>
            <td data-label="Status"><StatusBadge status={run.status} /></td>
            <td data-label="Records">{run.recordsRead.toLocaleString('en-GB')}</td>
            <td data-label="Result">{resultOf(run)}</td>
            <td data-label="By">{run.actor}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
