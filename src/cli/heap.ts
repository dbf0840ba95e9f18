import v8 from 'node:v8';

/**
 * For commands that allocate far more than they keep (an import holds one batch of 1,000 records at a time; a
 * monthly report one page of 2,000 rows and the row being written): V8's default heap growth lets garbage pile
 * up to several times the live heap before a full collection; with the service's modules loaded, that peak
 * passed 300 MB at a million imported rows and 400 MB for a report on a month of 50,000 incidents. Letting the
 * heap grow by at most `percent` between full collections keeps it well below (BENCHMARKS.md, import and
 * report), for a few percent more time. Read by V8 at each collection, so setting it after start-up takes
 * effect.
 */
export function limitHeapGrowth(percent: number): void {
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/** `hindsight import`: at most 100 % (its peak stayed under 300 MB at a million rows). */
export const IMPORT_HEAP_GROWING_PERCENT = 100;

/**
 * `hindsight report monthly`: at most 50 %. Its live heap is larger (the figures, the month's incident stamps
 * and the previous version's for what moved): at 100 % its peak RSS was 364–375 MiB on a month of 50,000
 * incidents, at 50 % 336 MiB, in the same time.
 */
export const REPORT_HEAP_GROWING_PERCENT = 50;
