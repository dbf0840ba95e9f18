import type { ImportRun } from '../api/imports';

const STATUS_TEXT: Record<ImportRun['status'], string> = {
  running: 'Running',
  completed: 'Done',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

export function StatusBadge({ status }: { status: ImportRun['status'] }) {
  return <span className={`badge badge-import-${status}`}>{STATUS_TEXT[status]}</span>;
}
