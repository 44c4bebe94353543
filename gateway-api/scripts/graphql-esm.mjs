// graphql-js in the production bundle (scripts/build.mjs): its ES module build, for every importer.
//
// graphql 16 ships each module twice, as CommonJS (`index.js`, its "main") and as an ES module
// (`index.mjs`, its "module"), and has no "exports" map. esbuild resolves a package for Node from "main"
// first, so it bundled the CommonJS build. Each of the ~70 ES modules that import from 'graphql' (ours,
// Apollo's, type-graphql's, @graphql-tools') then got its own interop copy of graphql's namespace:
// 216 getters, each a closure with its own context, 15 000 in all, about 2 MB of every replica's
// memory (bench/README.md), and a getter call at every use of a graphql export.
//
// With the ES module build, esbuild links those imports to graphql's functions directly. It has to be
// every import and require of graphql, bare or by subpath (graphql-jit requires
// 'graphql/execution/execute.js'): one module of graphql taken from each build would make two copies of
// its classes, and its `instanceof` checks would fail between them. built.test.ts checks that the
// bundle holds no CommonJS module of graphql.

import { existsSync } from 'node:fs';

/** @type {import('esbuild').Plugin} */
export const graphqlAsEsm = {
  name: 'graphql-as-esm',
  setup(build) {
    build.onResolve({ filter: /^graphql(\/.*)?$/ }, async (args) => {
      if (args.pluginData?.graphqlAsEsm) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { graphqlAsEsm: true },
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      const esm = resolved.path.replace(/\.js$/, '.mjs');
      if (!existsSync(esm)) {
        return { errors: [{ text: `graphql-as-esm: ${resolved.path} has no ES module twin (${esm})` }] };
      }
      return { path: esm };
    });
  },
};
