import { useState, type FormEvent } from 'react';
import { FormField } from '../../../components/FormField';
import { useChoices } from '../api/incidents';
import { PAGE_SIZES, STATUSES, type IncidentFilters, type Status } from '../lib/filters';
import { fromLocalInput, toLocalInput } from '../lib/local-time';
import { STATUS_TEXT } from './labels';
import { SelectField } from './Fields';

/** A day in the browser's zone ("2026-03-01") as the instant it starts; the date input's value back. */
const dayToInstant = (day: string) => (day ? fromLocalInput(`${day}T00:00`) : null);
const instantToDay = (iso: string | null) => toLocalInput(iso).slice(0, 10);
/** The URL's `to` is exclusive (the next midnight): the day before it is the one the user picked. */
const endToDay = (iso: string | null) => (iso ? instantToDay(new Date(Date.parse(iso) - 1).toISOString()) : '');

/** Search and filters of the incident list; applied (into the URL) on submit. */
export function IncidentFiltersForm({ filters, onApply }: { filters: IncidentFilters; onApply: (filters: IncidentFilters) => void }) {
  const choices = useChoices();
  const [q, setQ] = useState(filters.q);
  const [status, setStatus] = useState<Status[]>(filters.status);
  const [severity, setSeverity] = useState(filters.severity[0] ?? '');
  const [service, setService] = useState(filters.service[0] ?? '');
  const [team, setTeam] = useState(filters.team[0] ?? '');
  const [source, setSource] = useState(filters.source.join(', '));
  const [from, setFrom] = useState(instantToDay(filters.from));
  const [to, setTo] = useState(endToDay(filters.to));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply({
      q: q.trim(),
      status,
      severity: severity ? [severity] : [],
      service: service ? [service] : [],
      team: team ? [team] : [],
      source: source.split(',').map((s) => s.trim()).filter(Boolean),
      from: dayToInstant(from),
      // "to" is inclusive of the day picked: the list's range ends at the next midnight.
      to: to ? new Date(new Date(`${to}T00:00`).getTime() + 86_400_000).toISOString() : null,
      limit: filters.limit,
    });
  };
  const toggle = (value: Status) => setStatus((current) => (current.includes(value) ? current.filter((s) => s !== value) : [...current, value]));

  return (
    <form className="incident-filters" role="search" aria-label="Search and filter incidents" onSubmit={submit}>
      <div className="incident-filters-grid">
        <FormField label="Search" name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} hint="Key, title, functionality, customer impact" />
        <SelectField label="Severity" name="severity" value={severity} onChange={(e) => setSeverity(e.target.value)}>
          <option value="">Any</option>
          {choices.severities.map((level) => <option key={level.key} value={level.key}>{level.key} · {level.name}</option>)}
          {severity && !choices.severities.some((l) => l.key === severity) && <option value={severity}>{severity}</option>}
        </SelectField>
        <SelectField label="Service" name="service" value={service} onChange={(e) => setService(e.target.value)}>
          <option value="">Any</option>
          {choices.services.map((name) => <option key={name} value={name}>{name}</option>)}
          {service && !choices.services.includes(service) && <option value={service}>{service}</option>}
        </SelectField>
        <SelectField label="Team" name="team" value={team} onChange={(e) => setTeam(e.target.value)}>
          <option value="">Any</option>
          {choices.teams.map((name) => <option key={name} value={name}>{name}</option>)}
          {team && !choices.teams.includes(team) && <option value={team}>{team}</option>}
        </SelectField>
        <FormField label="Source" name="source" value={source} onChange={(e) => setSource(e.target.value)} hint="e.g. hindsight, statuspage" autoComplete="off" />
        <FormField label="Started from" name="from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <FormField label="Started until" name="to" type="date" value={to} onChange={(e) => setTo(e.target.value)} hint="Including that day" />
        <fieldset className="incident-status-filter">
          <legend>Status</legend>
          {STATUSES.map((value) => (
            <div className="field-checkbox" key={value}>
              <input id={`status-${value}`} type="checkbox" checked={status.includes(value)} onChange={() => toggle(value)} />
              <label htmlFor={`status-${value}`}>{STATUS_TEXT[value]}</label>
            </div>
          ))}
        </fieldset>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary">Apply</button>
        <SelectField label="Per page" name="limit" value={filters.limit} onChange={(e) => onApply({ ...filters, limit: Number(e.target.value) })}>
          {PAGE_SIZES.map((size) => <option key={size} value={size}>{size}</option>)}
        </SelectField>
      </div>
    </form>
  );
}
