/** What confirming a checked file will do, from its dry run's counts, e.g. "Importing creates 4 incidents; the rejected record stays out." */
export function confirmText(counts: { created: number; updated: number; unchanged: number; rejected: number }): string {
  const incidents = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'incident' : 'incidents'}`;
  const parts = [
    counts.created > 0 && `creates ${incidents(counts.created)}`,
    counts.updated > 0 && `updates ${incidents(counts.updated)}`,
    counts.unchanged > 0 && `leaves ${incidents(counts.unchanged)} as they are`,
  ].filter((part): part is string => Boolean(part));
  if (parts.length === 0) return 'No record of this file can be imported.';
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  const rejected = counts.rejected === 0 ? '' : counts.rejected === 1 ? '; the rejected record stays out' : `; the ${counts.rejected.toLocaleString('en-GB')} rejected records stay out`;
  return `Importing ${list}${rejected}.`;
}
