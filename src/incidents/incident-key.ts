/**
 * Incident keys: `INC-<year>-<seq>`, the year of the incident's start (UTC) and its number within that
 * year, at least four digits. Pure: built here and nowhere else.
 */
export function incidentKey(year: number, seq: number): string {
  return `INC-${year}-${String(seq).padStart(4, '0')}`;
}

/** The year an incident starting at `startedAt` (a Date, or an ISO instant already validated) is numbered in. */
export function keyYear(startedAt: Date | string): number {
  return (typeof startedAt === 'string' ? new Date(startedAt) : startedAt).getUTCFullYear();
}
