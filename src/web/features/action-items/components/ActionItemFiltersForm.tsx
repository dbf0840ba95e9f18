import { useState, type FormEvent } from 'react';
import { useTeamNames } from '../api/action-items';
import type { ActionItemFilters } from '../lib/filters';

/** Team, owner and "overdue only": applied to the URL (so the view can be shared and survives a reload). */
export function ActionItemFiltersForm({ filters, onApply }: { filters: ActionItemFilters; onApply: (filters: ActionItemFilters) => void }) {
  const teams = useTeamNames();
  const [owner, setOwner] = useState(filters.owner);
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply({ ...filters, owner });
  };
  const teamNames = [...new Set([...(teams.data ?? []).map((t) => t.name), ...(filters.team ? [filters.team] : [])])];
  return (
    <form className="filters" onSubmit={apply} aria-label="Filter action items">
      <div className="field">
        <label htmlFor="filter-team">Team</label>
        <select id="filter-team" value={filters.team} onChange={(e) => onApply({ ...filters, owner, team: e.target.value })}>
          <option value="">All teams</option>
          {teamNames.map((name) => (
            <option key={name} value={name}>{name}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-owner">Owner</label>
        <div className="filter-owner">
          <input id="filter-owner" type="search" value={owner} autoComplete="off" placeholder="Exact name" onChange={(e) => setOwner(e.target.value)} />
          <button type="submit" className="button">Apply</button>
        </div>
      </div>
      <div className="field-checkbox filter-overdue">
        <input id="filter-overdue" type="checkbox" checked={filters.overdue} onChange={(e) => onApply({ ...filters, owner, overdue: e.target.checked })} />
        <label htmlFor="filter-overdue">Overdue only</label>
      </div>
    </form>
  );
}
