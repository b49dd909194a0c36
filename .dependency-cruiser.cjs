/**
 * Module boundaries and the layers inside every module, enforced in the test run (docs/module-guide.md).
 * A module may use the shared kernel (src/) and the event contracts (proto/), never another module; only the
 * composition root (host/) knows the modules. Inside a module: domain/ is pure, api/ and consumers/
 * go through application/, and application/ reaches persistence only through repositories.
 */
const MODULE = '^modules/([^/]+)/';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ holds rules and types: it imports only its own domain/, the pure kernel (errors, validation, paging, money, the Principal type) and, as types only, the event contracts.',
      severity: 'error',
      from: { path: `${MODULE}domain/` },
      to: {
        pathNot: ['^modules/$1/domain/', '^src/(errors|validation|paging|money)/', '^src/auth/principal\\.ts$', '^proto/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'domain-names-events-by-type',
      comment: 'domain/ returns the events its changes imply as the contracts type them; it never loads the contracts.',
      severity: 'error',
      from: { path: `${MODULE}domain/` },
      to: { path: '^proto/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'api-goes-through-application',
      comment: 'Controllers and DTOs call use cases; they never touch models, repositories or adapters.',
      severity: 'error',
      from: { path: `${MODULE}api/` },
      to: { path: `${MODULE}(infrastructure|consumers)/` },
    },
    {
      name: 'consumers-go-through-application',
      comment: 'A consumer turns an event into a call of one use case; persistence and HTTP are not its business.',
      severity: 'error',
      from: { path: `${MODULE}consumers/` },
      to: { path: `${MODULE}(infrastructure|api)/` },
    },
    {
      name: 'application-uses-repositories',
      comment:
        'Use cases reach the database through infrastructure/*.repository.ts only, which return domain types: no ORM ' +
        'model, not even as a type, reaches application/ or api/; adapters arrive as ports.',
      severity: 'error',
      from: { path: `${MODULE}(application|api)/` },
      to: { path: `${MODULE}infrastructure/`, pathNot: '\\.repository\\.ts$' },
    },
    {
      name: 'application-not-api-or-consumers',
      comment: 'Dependencies point inwards: nothing in application/ knows how it is called.',
      severity: 'error',
      from: { path: `${MODULE}application/` },
      to: { path: `${MODULE}(api|consumers)/` },
    },
    {
      name: 'file-roles-in-infrastructure',
      comment: 'infrastructure/ holds <name>.model.ts, <name>.repository.ts and <name>.adapter.ts files only.',
      severity: 'error',
      from: { path: `${MODULE}infrastructure/`, pathNot: '\\.(model|repository|adapter)\\.ts$' },
      to: {},
    },
    {
      name: 'file-roles-in-consumers',
      comment: 'consumers/ holds <verb>-<what>-when-<event>.consumer.ts files only; shared helpers belong in application/ or domain/.',
      severity: 'error',
      from: { path: `${MODULE}consumers/`, pathNot: '-when-[a-z-]+\\.consumer\\.ts$' },
      to: {},
    },
    {
      name: 'file-roles-in-api',
      comment: 'api/ holds <resource>.controller.ts, <resource>.dto.ts and sign-in <name>.strategy.ts files, and the generated route table.',
      severity: 'error',
      from: { path: `${MODULE}api/`, pathNot: ['\\.(controller|dto|strategy)\\.ts$', `${MODULE}api/generated/routes\\.ts$`] },
      to: {},
    },
    {
      name: 'outside-code-uses-module-index-only',
      comment: 'Features, shared test helpers and benchmarks drive modules through HTTP and events, or their index.ts.',
      severity: 'error',
      from: { path: '^(features|test|bench)/' },
      to: { path: '^modules/[^/]+/.+', pathNot: '^modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'no-cross-module-imports',
      comment: 'Modules learn about each other only through events (proto/), never through code.',
      severity: 'error',
      from: { path: '^modules/([^/]+)/' },
      to: { path: '^modules/', pathNot: '^modules/$1/' },
    },
    {
      name: 'kernel-does-not-know-modules',
      comment: 'Only the host (host/) wires modules together: the kernel, the relay and the contracts know none of them.',
      severity: 'error',
      from: { path: '^(src|relay|proto)/' },
      to: { path: '^modules/' },
    },
    {
      name: 'host-uses-module-index-only',
      comment: "A module's public face is its index.ts.",
      severity: 'error',
      from: { path: '^host/' },
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
      name: 'migrations-are-frozen',
      comment: 'A migration creates today what it created when it first ran: it imports only knex and the frozen steps in migrations/shared/.',
      severity: 'error',
      from: { path: '^migrations/' },
      to: { pathNot: ['^migrations/shared/', '^node_modules/knex/'], dependencyTypesNot: ['core', 'type-only'] },
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
