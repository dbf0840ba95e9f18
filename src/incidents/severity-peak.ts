/** A severity level as the rules below need it: lower rank = more severe (SEV1 has rank 1). */
export interface RankedSeverity {
  id: string;
  rank: number;
}

/**
 * An incident's peak severity (SPEC §1: its severity for metrics is the highest it had): the most
 * severe of the candidates given — its severity now, the peak it had so far, a peak its source
 * reports. Null candidates are skipped; on a tie the first wins. Pure.
 */
export function mostSevere<T extends RankedSeverity>(first: T, ...others: (T | null | undefined)[]): T {
  let peak = first;
  for (const candidate of others) if (candidate && candidate.rank < peak.rank) peak = candidate;
  return peak;
}
