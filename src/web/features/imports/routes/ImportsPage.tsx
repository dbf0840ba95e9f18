import { hasRole } from '../../../api/session';
import { useSession } from '../../../api/use-session';
import { Alert } from '../../../components/Alert';
import { PageTitle } from '../../../components/PageTitle';
import { useImports } from '../api/imports';
import { ImportsTable } from '../components/ImportsTable';
import { NewImport } from '../components/NewImport';
import '../imports.css';
import { LoadMoreButton } from '../../../components/LoadMoreButton';

/** Import history from a file (admins: upload, dry run, confirm), and every import so far. */
export function ImportsPage() {
  const session = useSession();
  const imports = useImports();
  const runs = imports.data?.pages.flatMap((page) => page.items) ?? [];
  const admin = hasRole(session.data, 'admin');

  return (
    <>
      <PageTitle title="Import">Import incidents</PageTitle>
      <p className="lead">
        Bring incident history from a file: Hindsight&rsquo;s own CSV or JSON, any CSV through a column map, or an export of Statuspage, Google
        Cloud, PagerDuty or incident.io. Importing the same file again changes nothing; a record that changed updates its incident.
      </p>
      {admin ? <NewImport /> : <p className="muted">Only admins import files; here are the imports so far.</p>}
      <section aria-labelledby="imports-heading">
        <h2 id="imports-heading">Past imports</h2>
        {imports.isPending && <p role="status">Loading imports…</p>}
        {imports.isError && <Alert tone="error">Could not load the imports: {imports.error.message}</Alert>}
        {imports.isSuccess && runs.length === 0 && <p>No imports yet.</p>}
        {runs.length > 0 && (
          <div className="table-scroll">
            <ImportsTable runs={runs} />
          </div>
        )}
        {imports.hasNextPage && (
          <LoadMoreButton loading={imports.isFetchingNextPage} onLoad={() => void imports.fetchNextPage()} label="Show older imports" />
        )}
      </section>
    </>
  );
}
