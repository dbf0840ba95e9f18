#!/usr/bin/env node
// Import cycles between the folders of src/ (incidents → timeline → incidents), which file-level cycle
// checks miss: each file may import only files that do not import it back, and still the folders
// depend on each other. dependency-cruiser's folder-scoped rules compare each nested folder as its own
// node (src/timeline/dto apart from src/timeline), so this script collapses every file to its folder
// under src/ itself, from dependency-cruiser's own module graph (same options as .dependency-cruiser.cjs).
//
// - A node is a folder directly under src/ (its subfolders included); a file directly under src/
//   (main.ts, app.module.ts) is a node of its own.
// - Type-only imports count: a cycle through `import type` is still a design cycle.
// - Tests (*.spec.ts) are left out: they are not part of the design's dependencies.
// - src/database/entities.ts's imports are left out: it lists every entity for the data source, as
//   app.module.ts lists every module; .dependency-cruiser.cjs keeps it to *.entity.ts files.
//
// Prints every cycle as the shortest one through each folder-to-folder import that lies on a cycle,
// with one example import per step (--all: every import). Exit code 1 when there is a cycle.
//
//   node scripts/check-folder-cycles.mjs [--all]
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { cyclesOf, cyclicComponents, folderGraph } from './lint/folder-graph.mjs';

const showAll = process.argv.includes('--all');
const EXCLUDED_IMPORTERS = new Set(['src/database/entities.ts']);

async function main() {
  const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
  delete options.ruleSet;
  delete options.validate;
  const result = await cruise(['src'], { ...options, outputType: 'json' }, {}, { tsConfig: extractTSConfig('tsconfig.json') });
  const { modules } = typeof result.output === 'string' ? JSON.parse(result.output) : result.output;
  const graph = folderGraph(modules, EXCLUDED_IMPORTERS);
  const components = cyclicComponents(graph);
  if (components.length === 0) {
    console.log(`✔ no import cycles between the folders of src/ (${graph.size} folders and root files)`);
    return;
  }
  let count = 0;
  for (const component of components) {
    console.log(`\nThese folders import each other in a cycle: ${component.join(', ')}`);
    for (const cycle of cyclesOf(graph, component)) {
      count++;
      console.log(`\n  error folder-cycle: ${[...cycle, cycle[0]].join(' → ')}`);
      cycle.forEach((from, i) => {
        const to = cycle[(i + 1) % cycle.length];
        const imports = graph.get(from).get(to);
        const shown = showAll ? imports : imports.slice(0, 1);
        console.log(`    ${from} → ${to}: ${shown.join('\n' + ' '.repeat(from.length + to.length + 9))}${showAll || imports.length === 1 ? '' : ` (+${imports.length - 1} more)`}`);
      });
    }
  }
  console.log(`\nx ${count} folder cycle(s) in ${components.length} group(s). Break each by moving what both sides need into the folder that owns it, or into common/.`);
  console.log('  Every import of each step: node scripts/check-folder-cycles.mjs --all');
  process.exitCode = 1;
}

await main();
