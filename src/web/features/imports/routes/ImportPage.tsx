import { Link, useLocation, useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { PageTitle } from '../../../components/PageTitle';
import { useImportIssues, useImportRun } from '../api/imports';
import { ImportReport } from '../components/ImportReport';
import '../imports.css';
import { LoadMoreButton } from '../../../components/LoadMoreButton';

/** One import's report: progress while it runs (polled), then its counts, every issue and the rejected records' download. */
export function ImportPage() {
  const { id = '' } = useParams();
  const run = useImportRun(id);
  // Opened from a dry run's confirmation: how many records the dry run read, for the progress bar.
  const expected = (useLocation().state as { expected?: number } | null)?.expected;
  const finished = run.data !== undefined && run.data.status !== 'running';
  const issues = useImportIssues(id, finished && run.data.issues.total > run.data.issues.items.length);
  const allIssues = issues.data?.pages.flatMap((page) => page.items);

  return (
    <>
      <PageTitle title="Import">{run.data ? `${run.data.dryRun ? 'Dry run' : 'Import'} of ${run.data.fileName}` : 'Import'}</PageTitle>
      <p>
        <Link to="/imports">All imports</Link>
      </p>
      {run.isPending && <p role="status">Loading the import…</p>}
      {run.isError && <Alert tone="error">Could not load the import: {run.error.message}</Alert>}
      {run.data?.status === 'completed' && !run.data.dryRun && (
        <div className="import-done">
          <Alert tone="success">
            The import is done. Incidents left out of a metric are listed under <Link to="/data-quality">data quality</Link>.
          </Alert>
        </div>
      )}
      {run.data && <ImportReport run={run.data} issues={allIssues} expected={expected} />}
      {issues.hasNextPage && (
        <LoadMoreButton loading={issues.isFetchingNextPage} onLoad={() => void issues.fetchNextPage()} label="Show more issues" />
      )}
    </>
  );
}
