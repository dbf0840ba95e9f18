// Preloaded (`node --require`) into the benchmark's child processes: at exit, writes the process's peak resident
// set size (process.resourceUsage().maxRSS, KiB) to the file BENCH_RSS_FILE names.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
});
