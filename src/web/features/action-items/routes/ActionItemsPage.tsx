import { useSearchParams } from 'react-router';
import { formErrorsOf } from '../../../api/errors';
import { hasRole } from '../../../api/session';
import { useSession } from '../../../api/use-session';
import { Alert } from '../../../components/Alert';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { PageTitle } from '../../../components/PageTitle';
import { plural } from '../../../lib/format';
import { useMarkDone, useOpenActionItems } from '../api/action-items';
import { ActionItemFiltersForm } from '../components/ActionItemFiltersForm';
import { ActionItemsTable } from '../components/ActionItemsTable';
import { filtersOf, searchOf } from '../lib/filters';
import '../action-items.css';

/** /action-items: what is still open across incidents (or only what is overdue), by team and owner; responders mark items done. */
export function ActionItemsPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const session = useSession();
  const items = useOpenActionItems(filters);
  const markDone = useMarkDone();
  const list = items.data?.pages.flatMap((page) => page.items) ?? [];
  const total = items.data?.pages[0]?.total ?? 0;

  return (
    <>
      <PageTitle title="Action items">Action items</PageTitle>
      <p className="lead">Follow-ups from incidents and their retrospectives that are still open or in progress, newest first.</p>
      <ActionItemFiltersForm key={filters.owner /* the owner box starts from the URL again when the URL changes it */} filters={filters} onApply={(next) => setParams(searchOf(next))} />
      {markDone.isError && <Alert tone="error">Could not mark it done: {formErrorsOf(markDone.error, []).form}</Alert>}
      {markDone.isSuccess && <Alert tone="success">Marked “{markDone.data.title}” done.</Alert>}
      <section aria-labelledby="items-heading">
        <h2 id="items-heading">
          {filters.overdue ? 'Overdue' : 'Open'}
          {items.isSuccess && <span className="muted"> ({plural(total, 'item')})</span>}
        </h2>
        {items.isPending && <p role="status">Loading action items…</p>}
        {items.isError && <Alert tone="error">Could not load the action items: {items.error.message}</Alert>}
        {items.isSuccess && list.length === 0 && <p>No {filters.overdue ? 'overdue' : 'open'} action items{filters.team.length || filters.owner ? ' match these filters' : ''}.</p>}
        {list.length > 0 && (
          <div className="table-scroll">
            <ActionItemsTable items={list} busyId={markDone.isPending ? markDone.variables?.id : undefined}
              onMarkDone={hasRole(session.data, 'responder') ? (item) => markDone.mutate(item) : undefined} />
          </div>
        )}
        {items.hasNextPage && (
          <LoadMoreButton loading={items.isFetchingNextPage} onLoad={() => void items.fetchNextPage()} label="Show more" />
        )}
      </section>
    </>
  );
}
