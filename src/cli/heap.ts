import v8 from 'node:v8';

/**
 * For commands that allocate far more than they keep (an import holds one batch of 1,000 records at a time; a
 * monthly report one page of 2,000 rows and the row being written): V8's default heap growth lets garbage pile
 * up to several times the live heap before a full collection; with the service's modules loaded, that peak
 * passed 300 MB at a million imported rows and 400 MB for a report on a month of 50,000 incidents. Letting the
 * heap grow by at most HEAP_GROWING_PERCENT between full collections keeps it well below (BENCHMARKS.md,
 * import and report), for a few percent more time. Read by V8 at each collection, so setting it after
 * start-up takes effect.
 */
const HEAP_GROWING_PERCENT = 100;

export function limitHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
