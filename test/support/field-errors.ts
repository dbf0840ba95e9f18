import { FieldError } from '../../src/imports/formats/mapped-incident.js';

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
