import { COLUMN_TARGETS, missingRequiredTargets, repeatedTargets, type ColumnMap, type ColumnTarget } from '../lib/import-options';
import { SelectField } from '../../../components/FormField';


/** Every column's choices: not imported, or one Hindsight field (with what it holds). */
const TARGET_OPTIONS = [
  { value: '', label: 'Not imported' },
  ...COLUMN_TARGETS.map(([name, description]) => ({ value: name, label: description ? `${name} (${description})` : name })),
];
/**
 * Any CSV: one select per column of the file's header (read in the browser), choosing the Hindsight field it
 * is read into. A field chosen twice, or a required field no column has, is said at once; the API checks again.
 */
export function ColumnMapFields({ header, map, onChange, error }: { header: string[]; map: ColumnMap; onChange: (map: ColumnMap) => void; error?: string }) {
  const repeated = repeatedTargets(map);
  const missing = missingRequiredTargets(map);
  return (
    <fieldset className="column-map" aria-describedby="column-map-hint">
      <legend>Column map</legend>
      <p id="column-map-hint" className="field-hint">
        The file&rsquo;s {header.length} columns: choose the Hindsight field each one holds. A column named like a field is read into it unless
        another column is mapped to that field.
      </p>
      <div className="column-map-grid">
        {header.map((column, index) => {
          const target = map[column] ?? '';
          return (
            <SelectField
              key={`${index}-${column}`}
              label={column === '' ? `Column ${index + 1} (no name)` : column}
              value={target}
              onChange={(event) => onChange({ ...map, [column]: event.target.value as ColumnTarget | '' })}
              error={target && repeated.has(target) ? `${target} is chosen for more than one column` : undefined}
              options={TARGET_OPTIONS}
            />
          );
        })}
      </div>
      {missing.length > 0 && (
        <p className="field-hint column-map-missing">
          Still to map: {missing.join(' and ')} (required).
        </p>
      )}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
