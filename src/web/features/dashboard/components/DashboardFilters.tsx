import { useState, type FormEvent } from 'react';
import { useServices, useSeverityLevels, useTeams } from '../api/dashboard';
import type { DashboardFilters as Filters } from '../lib/dashboard-filters';

interface DashboardFiltersProps {
  filters: Filters;
  timeZone: string;
  onApply: (filters: Filters) => void;
  onReset: () => void;
}

/** The range (whole months in the report time zone) and the filters; applied together, kept in the URL. */
export function DashboardFilters({ filters, timeZone, onApply, onReset }: DashboardFiltersProps) {
  const levels = useSeverityLevels();
  const teams = useTeams();
  const services = useServices();
  const [draft, setDraft] = useState(filters);
  const [shown, setShown] = useState(filters);
  // A new URL (back, forward, reset) replaces what the form shows.
  if (shown !== filters) {
    setShown(filters);
    setDraft(filters);
  }

  const set = (name: keyof Filters) => (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };

  return (
    <form className="dashboard-filters" onSubmit={submit} aria-label="Dashboard filters">
      <div className="field">
        <label htmlFor="filter-from">From month</label>
        <input id="filter-from" type="month" required value={draft.from} onChange={set('from')} />
      </div>
      <div className="field">
        <label htmlFor="filter-to">To month</label>
        <input id="filter-to" type="month" required value={draft.to} onChange={set('to')} aria-describedby="filter-zone" />
      </div>
      <div className="field">
        <label htmlFor="filter-severity">Severity</label>
        <select id="filter-severity" value={draft.severity} onChange={set('severity')}>
          <option value="">All severities</option>
          {[...(levels.data ?? [])].sort((a, b) => a.rank - b.rank).map((level) => (
            <option key={level.id} value={level.key}>
              {level.key} · {level.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-service">Service</label>
        <select id="filter-service" value={draft.service} onChange={set('service')}>
          <option value="">All services</option>
          {(services.data ?? []).map((service) => (
            <option key={service.id} value={service.name}>{service.name}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-team">Team</label>
        <select id="filter-team" value={draft.team} onChange={set('team')}>
          <option value="">All teams</option>
          {(teams.data ?? []).map((team) => (
            <option key={team.id} value={team.name}>{team.name}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-source">Source</label>
        <input id="filter-source" type="text" value={draft.source} onChange={set('source')} placeholder="e.g. hindsight, pagerduty" />
      </div>
      <div className="dashboard-filters-actions">
        <button type="submit" className="button button-primary">Apply</button>
        <button type="button" className="button" onClick={onReset}>Last 12 months, no filter</button>
      </div>
      <p id="filter-zone" className="field-hint dashboard-filters-zone">Whole months in the report time zone, {timeZone}.</p>
    </form>
  );
}
