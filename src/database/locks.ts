/**
 * The transaction-scoped advisory locks, each named once. Writers that must not race (two creates
 * checking the same name is free, two imports planning the same keys) take the same lock; it is
 * released when their transaction ends. Taken with Database.lock.
 */
export const LOCKS = {
  /** Writes to teams: a name checked free stays free until the insert. */
  teams: 'hindsight.teams',
  /** Writes to services (the API's and the ones an import creates). */
  services: 'hindsight.services',
  /** Writes to severity levels: key and rank uniqueness. */
  severityLevels: 'hindsight.severity_levels',
  /** Import batches: planning created/updated/unchanged and writing them is one step per batch. */
  imports: 'hindsight.imports',
  /** Changes that could leave no active admin. */
  adminSet: 'hindsight.admin_set',
  /** Retro template versions of one name (the key is the name). */
  retroTemplateName: 'hindsight.retro_template_name',
  /** Which retro template is the default. */
  retroTemplateDefault: 'hindsight.retro_template_default',
  /** Claims on one period's reports (the key is `kind:period`): deciding insert, retry or wait is one step. */
  reportPeriod: 'hindsight.report_period',
} as const;

export type LockName = keyof typeof LOCKS;
