/** When submitting a retrospective may close its incident. Pure: no Nest, no TypeORM. */
import { findOrderViolation, MILESTONES, type MilestoneOrderViolation, type Milestones } from '../incidents/milestones.js';

/**
 * Whether setting retroDoneAt to `at` keeps the lifecycle order: the violation with the first present
 * milestone later than `at`, or null. Each milestone is checked against retroDoneAt alone, so an older
 * violation between two other milestones (kept from an import) does not stop a retrospective from
 * closing the incident.
 */
export function retroDoneViolation(milestones: Milestones, at: Date): MilestoneOrderViolation | null {
  for (const field of MILESTONES) {
    if (field === 'retroDoneAt') continue;
    const violation = findOrderViolation({ [field]: milestones[field], retroDoneAt: at });
    if (violation) return violation;
  }
  return null;
}
