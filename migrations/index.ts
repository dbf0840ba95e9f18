import { Initial1795455156270 } from './1795455156270-Initial.js';
import { SeedDefaults1795455156271 } from './1795455156271-SeedDefaults.js';

/** Every migration, in order. Listed explicitly so the ESM build needs no file globbing. */
export const MIGRATIONS: Function[] = [Initial1795455156270, SeedDefaults1795455156271];
