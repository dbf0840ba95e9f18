import { formatBytes, formatDateTime, plural } from '../../../lib/format';
import { rejectedUrl, type ImportDetail, type ImportIssue } from '../api/imports';
import { StatusBadge } from './StatusBadge';

const COUNTS = [
  ['recordsRead', 'Records read'],
  ['created', 'Created'],
  ['updated', 'Updated'],
  ['unchanged', 'Unchanged'],
  ['rejected', 'Rejected'],
  ['flagged', 'Flagged'],
  ['shortened', 'Shortened'],
] as const;

const KIND_TEXT: Record<ImportIssue['kind'], string> = {
  rejected: 'Rejected: not imported',
  flagged: 'Flagged: imported, milestones out of order',
  shortened: 'Shortened: imported, long text cut',
};

/**
 * One import's report: status, progress while it runs (records read, of `expected` when a dry run counted
 * them), the counts, services and teams created, the first issues and the rejected records' download.
 */
export function ImportReport({ run, expected, issues }: { run: ImportDetail; expected?: number; issues?: ImportIssue[] }) {
  const shown = issues ?? run.issues.items;
  const total = run.issues.total;
  const issuesHeading = shown.length >= total ? `${plural(total, 'issue')}, in file order` : `The first ${shown.length} of ${plural(total, 'issue')}, in file order`;
  return (
    <div className="import-report">
      <p className="import-report-line">
        <StatusBadge status={run.status} />
        <span>
          {run.dryRun ? 'Dry run: nothing written. ' : ''}
          {run.fileName} ({formatBytes(run.fileBytes)}), format {run.format}, source {run.source}; started {formatDateTime(run.startedAt)} by {run.actor}
          {run.finishedAt ? `, finished ${formatDateTime(run.finishedAt)}` : ''}.
        </span>
      </p>
      {run.status === 'running' && (
        <div className="import-progress">
          <label htmlFor={`progress-${run.id}`}>
            {expected ? `${run.recordsRead.toLocaleString('en-GB')} of ${expected.toLocaleString('en-GB')} records` : `${run.recordsRead.toLocaleString('en-GB')} records read so far`}
          </label>
          <progress id={`progress-${run.id}`} max={expected || undefined} value={expected ? Math.min(run.recordsRead, expected) : undefined} />
        </div>
      )}
      {run.status === 'failed' && run.error && <p className="field-error">The import failed: {run.error}</p>}
      {run.status === 'interrupted' && <p className="field-error">The import stopped mid-way. Its written batches are complete: run the same import again to finish it.</p>}
      <dl className="import-counts" aria-label={run.dryRun ? 'Dry-run counts' : 'Import counts'}>
        {COUNTS.map(([key, label]) => (
          <div key={key} className={`import-count import-count-${key}${run[key] > 0 && (key === 'rejected' || key === 'flagged') ? ' import-count-attention' : ''}`}>
            <dt>{label}</dt>
            <dd>{run[key].toLocaleString('en-GB')}</dd>
          </div>
        ))}
      </dl>
      {(run.servicesCreated.length > 0 || run.teamsCreated.length > 0) && (
        <p className="muted">
          {run.servicesCreated.length > 0 && <>Services {run.dryRun ? 'to create' : 'created'}: {run.servicesCreated.join(', ')}. </>}
          {run.teamsCreated.length > 0 && <>Teams {run.dryRun ? 'to create' : 'created'}: {run.teamsCreated.join(', ')}.</>}
        </p>
      )}
      {run.rejectedFile && (
        <p>
          <a href={rejectedUrl(run)} className="download-link" download>
            Download the {run.rejected === 1 ? 'rejected record' : `${run.rejected.toLocaleString('en-GB')} rejected records`}
          </a>{' '}
          <span className="muted">in the file&rsquo;s own format, to fix and import again.</span>
        </p>
      )}
      {shown.length > 0 && <h3 className="import-issues-heading">{issuesHeading}</h3>}
      {shown.length > 0 && (
        <div className="table-scroll">
          <table className="table table-stack import-issues">
            <caption className="visually-hidden">{issuesHeading}</caption>
            <thead>
              <tr>
                <th scope="col">Record</th>
                <th scope="col">Issue</th>
                <th scope="col">External id</th>
                <th scope="col">Field</th>
                <th scope="col">Value</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((issue, index) => (
                <tr key={`${index}-${issue.kind}-${issue.record}`}>
                  <th scope="row" data-label="Record">
                    {issue.record}
                    {issue.line !== null && <span className="cell-note">line {issue.line}</span>}
                  </th>
                  <td data-label="Issue"><span className={`badge badge-issue-${issue.kind}`}>{KIND_TEXT[issue.kind]}</span></td>
                  <td data-label="External id">{issue.externalId ?? <span className="muted">—</span>}</td>
                  <td data-label="Field">{issue.field ?? <span className="muted">—</span>}</td>
                  <td data-label="Value" className="issue-value">
                    {issue.value === null ? <span className="muted">—</span> : issue.value === '' ? <span className="muted">(empty)</span> : issue.value}
                  </td>
                  <td data-label="Message" className="issue-message">{issue.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
