import { useId } from 'react';
import { toggled, type Choice } from '../lib/choices';

interface CheckboxGroupProps<T extends string> {
  legend: string;
  name: string;
  options: readonly Choice<T>[];
  selected: readonly T[];
  onChange: (selected: T[]) => void;
  /** A long list (services, teams) scrolls inside a box of a few lines instead of pushing the page down. */
  scroll?: boolean;
  /** Said when there is nothing to choose from. */
  empty?: string;
}

/**
 * Several values of one filter as checkboxes in a fieldset whose legend names them: each box is reached with Tab
 * and toggled with Space, and a screen reader announces the legend with it (a `<select multiple>` needs
 * Ctrl-click to pick a second value, which few people know).
 */
export function CheckboxGroup<T extends string>({ legend, name, options, selected, onChange, scroll = false, empty }: CheckboxGroupProps<T>) {
  const id = useId();
  return (
    <fieldset className="checkbox-group">
      <legend>{legend}</legend>
      {options.length === 0 ? (
        empty && <p className="field-hint">{empty}</p>
      ) : (
        <div className={scroll ? 'checkbox-group-options checkbox-group-scroll' : 'checkbox-group-options'}>
          {options.map((option, index) => (
            <div className="field-checkbox" key={option.value}>
              <input id={`${id}-${index}`} type="checkbox" name={name} value={option.value} checked={selected.includes(option.value)}
                onChange={() => onChange(toggled(selected, option.value))} />
              <label htmlFor={`${id}-${index}`}>{option.label}</label>
            </div>
          ))}
        </div>
      )}
    </fieldset>
  );
}
