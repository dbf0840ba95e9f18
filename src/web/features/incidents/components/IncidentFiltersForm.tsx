import { useState, type FormEvent } from 'react';
import { CheckboxGroup } from '../../../components/CheckboxGroup';
import { FormField, SelectField } from '../../../components/FormField';
import { withSelected } from '../../../lib/choices';
import { useChoices } from '../api/incidents';
import { PAGE_SIZES, STATUSES, type IncidentFilters, type Status } from '../lib/filters';
import { fromLocalInput, toLocalInput } from '../lib/local-time';
import { STATUS_TEXT } from './labels';

/** A day in the browser's zone ("2026-03-01") as the instant it starts; the date input's value back. */
const dayToInstant = (day: string) => (day ? fromLocalInput(`${day}T00:00`) : null);
const instantToDay = (iso: string | null) => toLocalInput(iso).slice(0, 10);
/** The URL's `to` is exclusive (the next midnight): the day before it is the one the user picked. */
const endToDay = (iso: string | null) => (iso ? instantToDay(new Date(Date.parse(iso) - 1).toISOString()) : '');

const named = (name: string) => ({ value: name, label: name });

/** Search and filters of the incident list; applied (into the URL) on submit. */
export function IncidentFiltersForm({ filters, onApply }: { filters: IncidentFilters; onApply: (filters: IncidentFilters) => void }) {
  const choices = useChoices();
  const [q, setQ] = useState(filters.q);
  const [status, setStatus] = useState<Status[]>(filters.status);
  const [severity, setSeverity] = useState(filters.severity);
  const [service, setService] = useState(filters.service);
  const [team, setTeam] = useState(filters.team);
  const [source, setSource] = useState(filters.source.join(', '));
  const [from, setFrom] = useState(instantToDay(filters.from));
  const [to, setTo] = useState(endToDay(filters.to));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply({
      q: q.trim(),
      status,
      severity,
      service,
      team,
      source: source.split(',').map((s) => s.trim()).filter(Boolean),
      from: dayToInstant(from),
      // "to" is inclusive of the day picked: the list's range ends at the next midnight.
      to: to ? new Date(new Date(`${to}T00:00`).getTime() + 86_400_000).toISOString() : null,
      limit: filters.limit,
    });
  };

  return (
    <form className="incident-filters" role="search" aria-label="Search and filter incidents" onSubmit={submit}>
      <div className="incident-filters-grid">
        <FormField label="Search" name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} hint="Key, title, functionality, customer impact" />
        <CheckboxGroup legend="Severity" name="severity" selected={severity} onChange={setSeverity}
          options={withSelected(choices.severities.map((level) => ({ value: level.key, label: `${level.key} · ${level.name}` })), severity)} />
        <CheckboxGroup legend="Service" name="service" scroll empty="No services yet" selected={service} onChange={setService}
          options={withSelected(choices.services.map(named), service)} />
        <CheckboxGroup legend="Team" name="team" scroll empty="No teams yet" selected={team} onChange={setTeam}
          options={withSelected(choices.teams.map(named), team)} />
        <FormField label="Source" name="source" value={source} onChange={(e) => setSource(e.target.value)} hint="e.g. hindsight, statuspage" autoComplete="off" />
        <FormField label="Started from" name="from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <FormField label="Started until" name="to" type="date" value={to} onChange={(e) => setTo(e.target.value)} hint="Including that day" />
        <CheckboxGroup legend="Status" name="status" selected={status} onChange={setStatus}
          options={STATUSES.map((value) => ({ value, label: STATUS_TEXT[value] }))} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary">Apply</button>
        <SelectField label="Per page" name="limit" value={filters.limit} onChange={(e) => onApply({ ...filters, limit: Number(e.target.value) })}
          options={PAGE_SIZES.map((size) => ({ value: String(size), label: String(size) }))} />
      </div>
    </form>
  );
}
