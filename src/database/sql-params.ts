/** Collects the positional parameters of one statement: `add` returns the placeholder (`$1`, `$2`, …) of its value. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
