import type { ReportStatus } from './report.entity.js';

/**
 * Whether a process may generate a period's report, from the latest version of it (read under the period's
 * lock). Pure: the repository reads and writes, the service acts on the decision.
 */

/** A claim whose heartbeat is older than this is a crashed generation: another process takes it over. */
export const STALE_CLAIM_MS = 60_000;
/** How often a generating process renews its heartbeat (well inside STALE_CLAIM_MS). */
export const HEARTBEAT_MS = 10_000;

export interface LatestVersion {
  version: number;
  status: ReportStatus;
  heartbeatAt: Date;
}

export type ClaimDecision =
  /** No report of the period yet, or a regeneration: insert `version`, claimed by the caller. */
  | { action: 'insert'; version: number }
  /** The latest version crashed (stale heartbeat) or failed: the caller claims it again (attempts + 1). */
  | { action: 'retry'; version: number }
  /** A completed report exists and no regeneration was asked for: return it as is. */
  | { action: 'existing'; version: number }
  /** Another process is generating it (fresh heartbeat): do nothing. */
  | { action: 'running'; version: number };

export function isInProgress(status: ReportStatus): boolean {
  return status === 'claimed' || status === 'running';
}

export function claimDecision(latest: LatestVersion | null, now: Date, options: { regenerate: boolean; staleAfterMs?: number }): ClaimDecision {
  if (!latest) return { action: 'insert', version: 1 };
  if (isInProgress(latest.status)) {
    const stale = now.getTime() - latest.heartbeatAt.getTime() > (options.staleAfterMs ?? STALE_CLAIM_MS);
    return { action: stale ? 'retry' : 'running', version: latest.version };
  }
  if (latest.status === 'failed') return { action: 'retry', version: latest.version };
  return options.regenerate ? { action: 'insert', version: latest.version + 1 } : { action: 'existing', version: latest.version };
}

/** The content type of a report's workbook (download, e-mail attachment). */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The file of a monthly report in REPORTS_DIR: `hindsight-monthly-2026-10.xlsx`, then `…-v2.xlsx`, … */
export function monthlyReportFileName(month: string, version = 1): string {
  return `hindsight-monthly-${month}${version > 1 ? `-v${version}` : ''}.xlsx`;
}
