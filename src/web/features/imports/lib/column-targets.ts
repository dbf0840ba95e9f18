/**
 * The Hindsight fields a column of any CSV can be read into (the Hindsight CSV columns but the export-only
 * `key` and `status`), each with a short note where its name does not say enough ('' otherwise). The browser
 * test checks this list against the server's.
 */
export const COLUMN_TARGETS = [
  ['external_id', 'its id in the source, required'],
  ['title', ''],
  ['severity', 'level, e.g. SEV2'],
  ['peak_severity', ''],
  ['functionality', 'what is affected'],
  ['state', 'e.g. unavailable'],
  ['audience', 'who is affected'],
  ['services', 'names split by |'],
  ['owning_team', ''],
  ['customer_impact', ''],
  ['impact_scope', 'all, some, few, unknown'],
  ['known_customers_impacted', 'split by |'],
  ['commander', ''],
  ['investigator', ''],
  ['comms', 'communications lead'],
  ['scribe', ''],
  ['tags', 'split by |'],
  ['source', ''],
  ['excluded_from_metrics', 'true or false'],
  ['exclusion_reason', ''],
  ['started_at', 'impact began, required'],
  ['detected_at', ''],
  ['acknowledged_at', ''],
  ['investigating_at', ''],
  ['identified_at', ''],
  ['mitigated_at', ''],
  ['resolved_at', ''],
  ['retro_prep_at', ''],
  ['retro_done_at', ''],
] as const satisfies readonly (readonly [string, string])[];
