import type { MigrationInterface } from 'typeorm';
import { Initial1795455156270 } from './1795455156270-Initial.js';
import { SeedDefaults1795455156271 } from './1795455156271-SeedDefaults.js';
import { AccessControlAndAudit1795456903554 } from './1795456903554-AccessControlAndAudit.js';
import { MetricIntervalsView1795459215979 } from './1795459215979-MetricIntervalsView.js';
import { BusinessHoursFunction1795459382636 } from './1795459382636-BusinessHoursFunction.js';
import { StoredMetricSeconds1795470000000 } from './1795470000000-StoredMetricSeconds.js';
import { Imports1795480000000 } from './1795480000000-Imports.js';
import { PerIntervalOrderRule1795490000000 } from './1795490000000-PerIntervalOrderRule.js';
import { ImportShortened1795490311000 } from './1795490311000-ImportShortened.js';
import { AuthFailures1796542064209 } from './1796542064209-AuthFailures.js';
import { Reports1796600000000 } from './1796600000000-Reports.js';
import { ReportDeliveries1796700000000 } from './1796700000000-ReportDeliveries.js';

/** Every migration, in order. Listed explicitly so the ESM build needs no file globbing. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1795455156270, SeedDefaults1795455156271, AccessControlAndAudit1795456903554, MetricIntervalsView1795459215979, BusinessHoursFunction1795459382636,
  StoredMetricSeconds1795470000000, Imports1795480000000, PerIntervalOrderRule1795490000000, ImportShortened1795490311000,
  AuthFailures1796542064209, Reports1796600000000, ReportDeliveries1796700000000,
];
