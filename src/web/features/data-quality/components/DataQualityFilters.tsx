import { useState, type FormEvent } from 'react';
import { FormField } from '../../../components/FormField';
import { useSeverityLevels } from '../api/data-quality';
import { dayOf, instantOfDay, splitNames, type DataQualityFilters } from '../lib/filters';

const TEXT_FILTERS = [
  ['service', 'Services'],
  ['team', 'Teams'],
  ['source', 'Sources'],
  ['tag', 'Tags'],
] as const;

/** The filters as a form; Apply writes them to the address (which the page reads), so the view can be shared and reloaded. */
export function DataQualityFiltersForm({ filters, onApply, errors }: { filters: DataQualityFilters; onApply: (filters: DataQualityFilters) => void; errors: Record<string, string> }) {
  const severities = useSeverityLevels();
  const [from, setFrom] = useState(dayOf(filters.from));
  const [to, setTo] = useState(dayOf(filters.to));
  const [severity, setSeverity] = useState(filters.severity);
  const [texts, setTexts] = useState(() => Object.fromEntries(TEXT_FILTERS.map(([name]) => [name, filters[name].join(', ')])) as Record<(typeof TEXT_FILTERS)[number][0], string>);
  const [includeMissing, setIncludeMissing] = useState(filters.includeMissing);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply({
      from: instantOfDay(from, filters.from), to: instantOfDay(to, filters.to), severity,
      service: splitNames(texts.service), team: splitNames(texts.team), source: splitNames(texts.source), tag: splitNames(texts.tag), includeMissing,
    });
  };
  const levels = severities.data?.map((level) => level.key) ?? [];
  const offered = [...levels, ...severity.filter((key) => !levels.includes(key))];

  return (
    <form className="form form-inline dq-filters" onSubmit={submit} noValidate aria-labelledby="dq-filters-heading">
      <h2 id="dq-filters-heading">Filters</h2>
      <div className="dq-filter-grid">
        <FormField label="Started from" name="from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} hint="UTC day, included" error={errors.from} />
        <FormField label="Started before" name="to" type="date" value={to} onChange={(e) => setTo(e.target.value)} hint="UTC day, not included" error={errors.to} />
        {TEXT_FILTERS.map(([name, label]) => (
          <FormField key={name} label={label} name={name} autoComplete="off" hint="Names, separated by commas" value={texts[name]} error={errors[name]}
            onChange={(e) => setTexts({ ...texts, [name]: e.target.value })} />
        ))}
      </div>
      <fieldset className="dq-severities">
        <legend>Peak severity</legend>
        {offered.length === 0 && <p className="field-hint">{severities.isPending ? 'Loading the severity levels…' : 'No severity levels.'}</p>}
        {offered.map((key) => (
          <div key={key} className="field-checkbox">
            <input id={`dq-severity-${key}`} type="checkbox" checked={severity.includes(key)}
              onChange={(e) => setSeverity(e.target.checked ? [...severity, key] : severity.filter((s) => s !== key))} />
            <label htmlFor={`dq-severity-${key}`}>{key}</label>
          </div>
        ))}
        {errors.severity && <p className="field-error">{errors.severity}</p>}
      </fieldset>
      <div className="form-actions">
        <div className="field-checkbox">
          <input id="dq-include-missing" type="checkbox" checked={includeMissing} onChange={(e) => setIncludeMissing(e.target.checked)} />
          <label htmlFor="dq-include-missing">Also list incidents only missing a milestone (open incidents, no retro yet)</label>
        </div>
        <button type="submit" className="button button-primary">Apply</button>
      </div>
    </form>
  );
}
