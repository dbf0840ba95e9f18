// The folder graph of src/ and its cycles, for scripts/check-folder-cycles.mjs (which says what counts).
// Plain functions over dependency-cruiser's modules (`{ source, dependencies: [{ resolved, dependencyTypes }] }`).

/** `src/incidents/dto/x.ts` → `incidents`; `src/main.ts` → `src/main.ts`; outside src/ → undefined. */
export function nodeOf(path) {
  if (!path.startsWith('src/')) return undefined;
  const parts = path.split('/');
  return parts.length > 2 ? parts[1] : path;
}

/** Folder graph: from → to → the imports that make the edge. */
export function folderGraph(modules, excludedImporters = new Set()) {
  const graph = new Map();
  for (const module of modules) {
    const from = nodeOf(module.source);
    if (!from || module.source.endsWith('.spec.ts') || excludedImporters.has(module.source)) continue;
    for (const dependency of module.dependencies) {
      const to = nodeOf(dependency.resolved);
      if (!to || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      const edges = graph.get(from);
      if (!edges.has(to)) edges.set(to, []);
      const typeOnly = dependency.dependencyTypes.includes('type-only');
      edges.get(to).push(`${module.source} → ${dependency.resolved}${typeOnly ? ' (type-only)' : ''}`);
    }
  }
  return graph;
}

/** Strongly connected components with more than one node (Tarjan). */
export function cyclicComponents(graph) {
  let index = 0;
  const indices = new Map();
  const lowLinks = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const visit = (node) => {
    indices.set(node, index);
    lowLinks.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!indices.has(next)) {
        visit(next);
        lowLinks.set(node, Math.min(lowLinks.get(node), lowLinks.get(next)));
      } else if (onStack.has(next)) {
        lowLinks.set(node, Math.min(lowLinks.get(node), indices.get(next)));
      }
    }
    if (lowLinks.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) visit(node);
  return components;
}

/** For each edge inside a component, the shortest cycle through it; each cycle once, starting at its smallest folder. */
export function cyclesOf(graph, component) {
  const members = new Set(component);
  const shortestPath = (start, goal) => {
    const previous = new Map([[start, null]]);
    const queue = [start];
    while (queue.length) {
      const node = queue.shift();
      if (node === goal) break;
      for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
        if (members.has(next) && !previous.has(next)) {
          previous.set(next, node);
          queue.push(next);
        }
      }
    }
    const path = [];
    for (let node = goal; node !== null; node = previous.get(node)) path.unshift(node);
    return path;
  };
  const cycles = new Map();
  for (const from of component) {
    for (const to of [...(graph.get(from)?.keys() ?? [])].sort()) {
      if (!members.has(to)) continue;
      const cycle = [from, ...shortestPath(to, from).slice(0, -1)];
      const start = cycle.indexOf([...cycle].sort()[0]);
      const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
      cycles.set(rotated.join(' → '), rotated);
    }
  }
  return [...cycles.values()].sort((a, b) => a.length - b.length || a.join().localeCompare(b.join()));
}
