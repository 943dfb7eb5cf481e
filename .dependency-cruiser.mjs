// The dependency rule of docs/architecture.md, checked by `npm run deps` (part of `npm test`).
// Layers, bottom to top; a folder may import its own layer and the layers below it.
const LAYERS = [
  { name: 'base', folders: ['util', 'model'] },
  {
    name: 'services',
    folders: ['http', 'fhir', 'validation', 'terminology', 'identifiers', 'config', 'access', 'ig', 'actionability', 'messaging'],
  },
  {
    name: 'engine',
    folders: ['suite', 'run', 'result', 'fixtures', 'reference', 'testscript', 'client', 'reference-client', 'bulk'],
  },
  { name: 'outputs', folders: ['report', 'certification', 'compare'] },
  { name: 'cli', folders: ['cli'] },
];

const under = (folders) => `^src/(${folders.join('|')})/`;

// One rule per layer: nothing in it imports a layer above it.
const upwards = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-import-above-${layer.name}`,
  comment: `src/{${layer.folders.join(',')}} import only their layer and the layers below (docs/architecture.md)`,
  severity: 'error',
  from: { path: under(layer.folders) },
  to: { path: under(LAYERS.slice(i + 1).flatMap((l) => l.folders)) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'every-folder-has-a-layer',
      comment: 'A new src folder is placed in LAYERS (and docs/architecture.md) before it imports anything',
      severity: 'error',
      from: { path: '^src/', pathNot: under(LAYERS.flatMap((l) => l.folders)) },
      to: {},
    },
    {
      name: 'no-folder-cycle',
      comment: 'Folders form layers: no folder depends on itself through others',
      severity: 'error',
      scope: 'folder',
      from: { path: '^(src|suites)/' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycle',
      comment: 'No module depends on itself at run time through others',
      severity: 'error',
      from: { path: '^(src|suites|bench)/' },
      // Type-only imports are erased at compile time, so they cannot make an initialisation-order
      // cycle; the reference target's fault and variation lists name their definitions that way.
      // Folder cycles (below) count them.
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...upwards,
    {
      name: 'util-is-the-bottom',
      comment: 'src/util imports nothing else of homolog; src/model imports only src/util',
      severity: 'error',
      from: { path: '^src/util/' },
      to: { path: '^src/', pathNot: '^src/util/' },
    },
    {
      name: 'model-is-plain-data',
      comment: 'src/model holds plain data types: it imports only src/util and no package',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { pathNot: '^src/(model|util)/' },
    },
    {
      name: 'suites-use-services-and-engine',
      comment: 'A suite uses the services and the suite engine, never the CLI, reports, certification or the reference target',
      severity: 'error',
      from: { path: '^suites/' },
      to: { path: `${under(['cli', 'report', 'certification', 'compare', 'reference'])}|^(test|bench)/` },
    },
    {
      name: 'src-is-self-contained',
      comment: 'src never imports tests, benchmarks or suites (the suite registry loads suites by path at run time)',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|suites)/' },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports and that imports nothing is dead code',
      severity: 'error',
      from: { orphan: true, path: '^(src|suites)/', pathNot: '\\.d\\.ts$' },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    // Type-only imports are dependencies too: the layering is about types as much as code.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
