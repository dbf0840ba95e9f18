import { useState, type FormEvent } from 'react';
import { CheckboxGroup } from '../../../components/CheckboxGroup';
import { withSelected } from '../../../lib/choices';
import { useTeamNames } from '../api/action-items';
import type { ActionItemFilters } from '../lib/filters';

/** Teams, owner and "overdue only": applied to the URL (so the view can be shared and survives a reload). */
export function ActionItemFiltersForm({ filters, onApply }: { filters: ActionItemFilters; onApply: (filters: ActionItemFilters) => void }) {
  const teams = useTeamNames();
  const [owner, setOwner] = useState(filters.owner);
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply({ ...filters, owner });
  };
  const teamChoices = withSelected((teams.data ?? []).map((t) => ({ value: t.name, label: t.name })), filters.team);
  return (
    <form className="filters" onSubmit={apply} aria-label="Filter action items">
      {/* Like "Overdue only", a team box applies as it is toggled; the owner waits for Apply, being typed. */}
      <CheckboxGroup legend="Team" name="team" scroll empty="No teams yet" options={teamChoices} selected={filters.team}
        onChange={(team) => onApply({ ...filters, owner, team })} />
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
