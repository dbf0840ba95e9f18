/** One value a list filter offers, with what the user reads for it. */
export interface Choice<T extends string = string> {
  value: T;
  label: string;
}

/**
 * The choices offered, then each selected value they lack, labelled as itself: a shared URL can name a service
 * since renamed, or the list may not have loaded yet, and a selected value must still show as checked so that it
 * can be unchecked.
 */
export function withSelected(choices: readonly Choice[], selected: readonly string[]): Choice[] {
  const offered = new Set(choices.map((choice) => choice.value));
  const missing = [...new Set(selected)].filter((value) => !offered.has(value));
  return [...choices, ...missing.map((value) => ({ value, label: value }))];
}

/** `selected` with `value` added (at the end) or removed. */
export function toggled<T extends string>(selected: readonly T[], value: T): T[] {
  return selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value];
}

/** A filter's values from a URL: the parameter repeated, each possibly comma-separated (as the API reads them), trimmed, empty ones dropped. */
export function listParam(params: URLSearchParams, name: string): string[] {
  return params.getAll(name).flatMap((value) => value.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** Writes each value as its own `name=value` parameter: the form the URL parser and the API both read. */
export function appendList(params: URLSearchParams, name: string, values: readonly string[]): void {
  for (const value of values) params.append(name, value);
}
