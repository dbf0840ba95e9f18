/**
 * Duration buckets a person reads at a glance, each [from, to) in seconds: the histogram of the monthly report
 * and the web app's dashboard, and GET /metrics/distribution, which counts incidents in them in SQL. Pure.
 */
export const DURATION_BUCKETS: readonly { label: string; from: number; to: number }[] = [
  { label: '< 15 min', from: 0, to: 900 },
  { label: '15–30 min', from: 900, to: 1_800 },
  { label: '30 min–1 h', from: 1_800, to: 3_600 },
  { label: '1–2 h', from: 3_600, to: 7_200 },
  { label: '2–4 h', from: 7_200, to: 14_400 },
  { label: '4–8 h', from: 14_400, to: 28_800 },
  { label: '8–24 h', from: 28_800, to: 86_400 },
  { label: '1–3 d', from: 86_400, to: 259_200 },
  { label: '3–7 d', from: 259_200, to: 604_800 },
  { label: '≥ 7 d', from: 604_800, to: Number.POSITIVE_INFINITY },
];
