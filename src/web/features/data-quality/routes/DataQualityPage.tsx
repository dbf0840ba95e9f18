import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { formErrorsOf } from '../../../api/errors';
import { Alert } from '../../../components/Alert';
import { PageTitle } from '../../../components/PageTitle';
import { formatDateTime, plural } from '../../../lib/format';
import { useDataQuality } from '../api/data-quality';
import { DataQualityFiltersForm } from '../components/DataQualityFilters';
import { DataQualitySummary } from '../components/DataQualitySummary';
import { DataQualityTable } from '../components/DataQualityTable';
import { filtersFromSearch, LIST_FILTERS, searchFromFilters } from '../lib/filters';
import '../data-quality.css';
import { LoadMoreButton } from '../../../components/LoadMoreButton';

const FIELDS = ['from', 'to', ...LIST_FILTERS] as const;
const REASON_TEXT: Record<string, string> = { excluded: 'excluded from metrics', order: 'milestones out of order', missing: 'missing a milestone' };

/**
 * Every incident a metric leaves out, and why (GET /api/v1/metrics/data-quality), for the filters in the
 * address: the dashboard links here with its own. Each incident links to its page to fix it.
 */
export function DataQualityPage() {
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search, new Date()), [search]);
  const quality = useDataQuality(filters);
  const pages = quality.data?.pages ?? [];
  const first = pages[0];
  const items = pages.flatMap((page) => page.items);
  const errors = quality.error ? formErrorsOf(quality.error, FIELDS) : undefined;

  return (
    <>
      <PageTitle title="Data quality">Data quality</PageTitle>
      <p className="lead">
        Incidents a metric leaves out, and why: excluded from metrics (game days, drills), a milestone missing, or the metric&rsquo;s own end
        before its start. Incidents with any milestones out of order are listed too. Fix an incident and its metrics count it again.
      </p>
      <DataQualityFiltersForm key={search.toString()} filters={filters} errors={errors?.fields ?? {}}
        onApply={(next) => setSearch(searchFromFilters(next))} />
      {errors?.form && <Alert tone="error">Could not load data quality: {errors.form}</Alert>}
      {quality.isPending && <p role="status">Loading…</p>}
      {first && <DataQualitySummary summary={first.summary} />}
      {first && (
        <section aria-labelledby="dq-list-heading">
          <h2 id="dq-list-heading">Incidents left out</h2>
          <p className="muted" role="status">
            {first.total === 0
              ? `Nothing listed for incidents that started ${formatDateTime(filters.from)} – ${formatDateTime(filters.to)}.`
              : `${plural(first.total, 'incident')} listed (${first.listedReasons.map((reason) => REASON_TEXT[reason] ?? reason).join(', ')}), newest first; showing ${items.length}.`}
            {!filters.includeMissing && first.summary.missing > 0 && ` ${plural(first.summary.missing, 'incident')} only missing a milestone are counted above but not listed: tick “Also list” to see them.`}
          </p>
          {items.length > 0 && (
            <div className="table-scroll">
              <DataQualityTable incidents={items} />
            </div>
          )}
          {quality.hasNextPage && (
            <LoadMoreButton loading={quality.isFetchingNextPage} onLoad={() => void quality.fetchNextPage()} label="Show more incidents" />
          )}
        </section>
      )}
    </>
  );
}
