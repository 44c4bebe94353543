// Dependency rules, checked by `npm run check:deps` (part of `npm run check`). gateway-api's layers
// point one way: http -> graphql -> modules -> db -> lib (README, "How the code is organised").
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: the files cannot be understood, loaded or tested one at a time.',
      from: { path: '^gateway-api/src' },
      to: { circular: true },
    },
    {
      name: 'modules-below-graphql-and-http',
      severity: 'error',
      comment: 'modules/ (types, resolvers, services) must not reach up into the GraphQL server or the HTTP layer.',
      from: { path: '^gateway-api/src/modules/' },
      to: { path: '^gateway-api/src/(graphql|http)/|^gateway-api/src/(app|main)\\.ts$' },
    },
    {
      name: 'graphql-below-http',
      severity: 'error',
      comment: 'graphql/ is mounted by the HTTP layer, not the other way round.',
      from: { path: '^gateway-api/src/graphql/' },
      to: { path: '^gateway-api/src/http/|^gateway-api/src/(app|main)\\.ts$' },
    },
    {
      name: 'db-below-modules',
      severity: 'error',
      comment: 'db/ serves the modules; it knows none of them, nor GraphQL or HTTP.',
      from: { path: '^gateway-api/src/db/' },
      to: { path: '^gateway-api/src/(modules|graphql|http)/|^gateway-api/src/(app|main)\\.ts$' },
    },
    {
      name: 'lib-at-the-bottom',
      severity: 'error',
      comment: 'lib/ is used by every layer and uses none of them.',
      from: { path: '^gateway-api/src/lib/' },
      to: { path: '^gateway-api/src/(?!lib/)' },
    },
    {
      name: 'services-know-no-graphql',
      severity: 'error',
      comment:
        'Services hold the business rules; GraphQL is one way of calling them (type-only imports of the entity types are fine).',
      from: { path: '^gateway-api/src/modules/.+(\\.service|-access)\\.ts$' },
      to: {
        path: '(^|/)node_modules/(graphql|type-graphql|@apollo)/|^gateway-api/src/modules/.+\\.(resolver|input|type)\\.ts$|^gateway-api/src/modules/shared/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'production-code-not-dev-only',
      severity: 'error',
      comment: 'gateway-api/dev/ (local database, seed) is not in the build or the image: src/ must not need it.',
      from: { path: '^gateway-api/src/' },
      to: { path: '^gateway-api/dev/' },
    },
    {
      name: 'workspaces-through-entry-points',
      severity: 'error',
      comment:
        "Other workspaces use gateway-api only through its package entry points (gateway-api/package.json `exports`: `import ... from 'gateway-api/config'`), never by a path into its folders.",
      from: { path: '^(bench|scripts|test|schema|web-client)/' },
      to: { path: '^gateway-api/', dependencyTypesNot: ['aliased-workspace'] },
    },
    {
      name: 'only-the-entry-points',
      severity: 'error',
      comment: 'gateway-api/src/exports, dev/exports.ts and test/support/exports.ts are what other workspaces may use.',
      from: { path: '^(bench|scripts|test|schema|web-client)/' },
      to: { path: '^gateway-api/', pathNot: '^gateway-api/(src/exports/[^/]+|dev/exports|test/support/exports)\\.ts$' },
    },
    {
      name: 'browser-code-not-the-api',
      severity: 'error',
      comment:
        "The web client's browser code talks to the API over GraphQL only (schema/schema.graphql and the generated types).",
      from: { path: '^web-client/src/' },
      to: { path: '^gateway-api/' },
    },
    {
      name: 'web-client-routing-through-routing',
      severity: 'error',
      comment:
        "The web client's pages route through src/routing/ (index.ts), which gives wouter the app's session history and its guard (unsaved task edits): one set of hooks (useLocation is { pathname, search, state } there, a [path, navigate] pair in wouter), and nothing that would write window.history behind the guard's back.",
      from: { path: '^web-client/src/', pathNot: '^web-client/src/routing/' },
      to: { path: '(^|/)node_modules/wouter/' },
    },
    {
      name: 'server-kit-at-the-bottom',
      severity: 'error',
      comment: 'packages/server-kit is shared by both services: it knows neither of them.',
      from: { path: '^packages/server-kit/src/' },
      to: { path: '^(gateway-api|web-client|schema|bench|scripts|test)/' },
    },
    {
      name: 'production-code-not-test-kit',
      severity: 'error',
      comment:
        "packages/test-kit (@taskboard/test-kit) is for tests, the bench and dev tools, and in no image: production code must not need it (the browser code's own tests included: it is Node's, not the browser's).",
      from: { path: '^(gateway-api/src|web-client/src|web-client/server)/', pathNot: '^web-client/server/test/' },
      to: { path: '^packages/test-kit/' },
    },
    {
      name: 'test-kit-at-the-bottom',
      severity: 'error',
      comment: 'packages/test-kit is used by every workspace and the root folders: it imports none of them.',
      from: { path: '^packages/test-kit/' },
      to: { path: '^(gateway-api|web-client|schema|bench|scripts|test|packages/(?!test-kit/))' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'gateway-api/src/generated/' },
    tsPreCompilationDeps: true,
    // each workspace's imports are judged against its own package.json and the root's (workspaces)
    combinedDependencies: true,
    tsConfig: { fileName: 'gateway-api/tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
