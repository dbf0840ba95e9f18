import { formatBytes, formatDateTime, formatMonth, plural } from '../../../lib/format';
import { downloadUrl, type Report } from '../api/reports';

const STATUS_TEXT: Record<Report['status'], string> = {
  claimed: 'Queued',
  running: 'Generating',
  completed: 'Ready',
  failed: 'Failed',
};

/** The generated reports: one row per version of a month, its file and what changed in the month since. */
export function ReportsTable({ reports }: { reports: Report[] }) {
  return (
    <table className="table table-stack">
      <caption className="visually-hidden">Monthly reports, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col">Version</th>
          <th scope="col">Status</th>
          <th scope="col">Generated</th>
          <th scope="col">Size</th>
          <th scope="col">Changes since</th>
          <th scope="col">Requested by</th>
          <th scope="col">Workbook</th>
        </tr>
      </thead>
      <tbody>
        {reports.map((report) => (
          <tr key={report.id}>
            <th scope="row" data-label="Month">
              {formatMonth(report.period)}
            </th>
            <td data-label="Version">v{report.version}</td>
            <td data-label="Status">
              <span className={`badge badge-${report.status}`}>{STATUS_TEXT[report.status]}</span>
              {report.status === 'failed' && report.error && <span className="cell-note">{report.error}</span>}
            </td>
            <td data-label="Generated">{formatDateTime(report.finishedAt)}</td>
            <td data-label="Size">{formatBytes(report.bytes)}</td>
            <td data-label="Changes since">
              <ChangesSince report={report} />
            </td>
            <td data-label="Requested by">
              {report.requestedBy} <span className="muted">({report.trigger})</span>
            </td>
            <td data-label="Workbook">
              {report.status === 'completed' ? (
                <a href={downloadUrl(report)} download={report.fileName} className="download-link">
                  Download<span className="visually-hidden"> the workbook of {formatMonth(report.period)}, version {report.version}</span>
                </a>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ChangesSince({ report }: { report: Report }) {
  const changes = report.changesSince;
  if (!changes) return <span className="muted">—</span>;
  if (changes.incidents === 0) return <>None</>;
  return (
    <span className="changes">
      {plural(changes.incidents, 'incident')} changed
      {changes.lastChangeAt && <span className="cell-note">last {formatDateTime(changes.lastChangeAt)}</span>}
    </span>
  );
}
