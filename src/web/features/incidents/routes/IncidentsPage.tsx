import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { hasRole } from '../../../api/session';
import { useSession } from '../../../api/use-session';
import { Alert } from '../../../components/Alert';
import { PageTitle } from '../../../components/PageTitle';
import { plural } from '../../../lib/format';
import { useIncidentList } from '../api/incidents';
import { IncidentFiltersForm } from '../components/IncidentFiltersForm';
import { IncidentsTable } from '../components/IncidentsTable';
import { activeFilterCount, filtersToParams, parseFilters, type IncidentFilters } from '../lib/filters';
import '../incidents.css';

/**
 * Every incident, newest first: search and filters in the URL (shareable, kept on reload), a page at a time by the
 * API's cursor (also in the URL). "Previous" walks back the pages seen in this visit; after a reload, "First page".
 */
export function IncidentsPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const filters = parseFilters(params);
  const cursor = params.get('cursor');
  const [previous, setPrevious] = useState<(string | null)[]>([]);
  const list = useIncidentList(filters, cursor);

  const goTo = (next: string | null, stack: (string | null)[]) => {
    const query = filtersToParams(filters);
    if (next) query.set('cursor', next);
    setPrevious(stack);
    setParams(query);
  };
  const apply = (next: IncidentFilters) => {
    setPrevious([]);
    setParams(filtersToParams(next));
  };
  const filtered = activeFilterCount(filters) > 0;
  const page = list.data;

  return (
    <>
      <PageTitle title="Incidents">Incidents</PageTitle>
      <div className="page-actions">
        <p className="lead">Every incident, newest first. Open one for its milestones, SLA, timeline, retrospective and history.</p>
        {hasRole(session.data, 'responder') && (
          <Link to="/incidents/new" className="button button-primary">
            Declare an incident
          </Link>
        )}
      </div>
      {/* Keyed on the URL: going back or forward shows that view's filters. */}
      <IncidentFiltersForm key={filtersToParams(filters).toString()} filters={filters} onApply={apply} />
      <section aria-labelledby="incidents-heading" aria-busy={list.isFetching}>
        <h2 id="incidents-heading" className="incidents-count" aria-live="polite">
          {page ? `${plural(page.total, 'incident')}${filtered ? ' match' : ''}` : 'Incidents'}
        </h2>
        {list.isPending && <p role="status">Loading incidents…</p>}
        {list.isError && <Alert tone="error">Could not load the incidents: {list.error.message}</Alert>}
        {page && page.items.length === 0 && (
          <p>{filtered ? 'No incident matches these filters.' : 'No incidents yet.'} {filtered && <Link to="/incidents">Clear the filters</Link>}</p>
        )}
        {page && page.items.length > 0 && (
          <div className="table-scroll">
            <IncidentsTable incidents={page.items} />
          </div>
        )}
        {page && (cursor || page.nextCursor) && (
          <nav className="pager" aria-label="Pages">
            {previous.length > 0 ? (
              <button type="button" className="button" onClick={() => goTo(previous[previous.length - 1], previous.slice(0, -1))}>
                Previous page
              </button>
            ) : (
              cursor && (
                <button type="button" className="button" onClick={() => goTo(null, [])}>
                  First page
                </button>
              )
            )}
            {page.nextCursor && (
              <button type="button" className="button" onClick={() => goTo(page.nextCursor, [...previous, cursor])}>
                Next page
              </button>
            )}
          </nav>
        )}
      </section>
    </>
  );
}
