/**
 * Module boundaries, enforced in the test run: a module may use the shared kernel (src/) and the event
 * contracts (proto/), never another module. Only the composition root (src/bootstrap) knows the modules.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cross-module-imports',
      comment: 'Modules learn about each other only through events (proto/), never through code.',
      severity: 'error',
      from: { path: '^modules/([^/]+)/' },
      to: { path: '^modules/', pathNot: '^modules/$1/' },
    },
    {
      name: 'kernel-does-not-know-modules',
      comment: 'Only src/bootstrap wires modules together.',
      severity: 'error',
      from: { path: '^(src|relay|proto)/', pathNot: '^src/(bootstrap|http/generated)/' },
      to: { path: '^modules/' },
    },
    {
      name: 'bootstrap-uses-module-index-only',
      comment: "A module's public face is its index.ts.",
      severity: 'error',
      from: { path: '^src/bootstrap/' },
      to: { path: '^modules/[^/]+/.+', pathNot: '^modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'contracts-stand-alone',
      comment: 'Event contracts depend on nothing of ours.',
      severity: 'error',
      from: { path: '^proto/' },
      to: { path: '^(src|modules|relay)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.cache|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
