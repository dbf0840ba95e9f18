import { hasRole } from '../../../api/session';
import { useSession } from '../../../api/use-session';
import { Alert } from '../../../components/Alert';
import { PageTitle } from '../../../components/PageTitle';
import { useReports } from '../api/reports';
import { GenerateReportForm } from '../components/GenerateReportForm';
import { ReportsTable } from '../components/ReportsTable';
import { LoadMoreButton } from '../../../components/LoadMoreButton';

/** Monthly workbooks: download, see what changed in a month since its report, and (admins) generate a month. */
export function ReportsPage() {
  const session = useSession();
  const reports = useReports();
  const items = reports.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageTitle title="Reports">Monthly reports</PageTitle>
      <p className="lead">
        One Excel workbook per month for leadership. A report keeps the figures it was generated with; “changes since” counts the
        month&rsquo;s incidents edited after it.
      </p>
      {hasRole(session.data, 'admin') && <GenerateReportForm />}
      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">Reports</h2>
        {reports.isPending && <p role="status">Loading reports…</p>}
        {reports.isError && <Alert tone="error">Could not load the reports: {reports.error.message}</Alert>}
        {reports.isSuccess && items.length === 0 && (
          <p>No reports yet. The service generates last month&rsquo;s on the 1st{hasRole(session.data, 'admin') ? ', or generate one above' : ''}.</p>
        )}
        {items.length > 0 && (
          <div className="table-scroll">
            <ReportsTable reports={items} />
          </div>
        )}
        {reports.hasNextPage && (
          <LoadMoreButton loading={reports.isFetchingNextPage} onLoad={() => void reports.fetchNextPage()} label="Show older reports" />
        )}
      </section>
    </>
  );
}
