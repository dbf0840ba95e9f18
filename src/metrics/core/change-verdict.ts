/**
 * How a change over time reads to a person: the monthly report's summary and the web app's dashboard tiles both
 * use changeVerdict, so the same comparison never reads differently in the two. Pure, without imports, so the web
 * app can import it (dependency-cruiser's web-imports-server rule lists it).
 */

/** Verdict on a period-over-period change of a duration metric: lower durations are better. */
export type ChangeLabel = 'improved' | 'regressed' | 'no clear change';

/** What a change reads as: the API's label, or "too few incidents to tell" when either period has too few values. */
export type ChangeVerdict = ChangeLabel | 'too few incidents to tell';

/** The verdict a reader sees: the API's label, except that a comparison on too few values says so. */
export function changeVerdict(label: ChangeLabel, nPrevious: number, nCurrent: number, minSampleSize: number): ChangeVerdict {
  return nPrevious < minSampleSize || nCurrent < minSampleSize ? 'too few incidents to tell' : label;
}
