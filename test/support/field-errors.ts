import { FieldError, type MappedIncident } from '../../src/imports/formats/mapped-incident.js';

/** The FieldError `work` throws; fails the test when it throws something else or nothing. */
export function thrownFieldError(work: () => unknown): FieldError {
  try {
    work();
  } catch (error) {
    if (error instanceof FieldError) return error;
    throw error;
  }
  throw new Error('expected a FieldError, but the record mapped');
}

/**
 * The FieldError a record is refused with when its severity has no mapping: the one the mapper throws, or the one
 * its unmapped severity carries (the import reports it when the source's name is not a severity level either);
 * fails the test when the record mapped to a severity.
 */
export function severityErrorOf(work: () => MappedIncident): FieldError {
  let mapped: MappedIncident;
  try {
    mapped = work();
  } catch (error) {
    if (error instanceof FieldError) return error;
    throw error;
  }
  if (mapped.unmappedSeverity) return mapped.unmappedSeverity;
  throw new Error(`expected an unmapped severity, but the record mapped to ${mapped.fields.severity}`);
}
