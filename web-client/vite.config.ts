// Vite: the React app's build and dev server. In development /graphql is proxied to the API, as
// the production server (server/) does: HTTP, and the WebSockets of live boards.
import { babelOptimizerPlugin } from '@graphql-codegen/client-preset';
import babel, { defineRolldownBabelPreset } from '@rolldown/plugin-babel';
import react from '@vitejs/plugin-react';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { sameOrigin } from './server/origin.js';

const api = process.env.GATEWAY_API_URL ?? 'http://localhost:4000/graphql';

/**
 * graphql-codegen's client preset, made tree-shakeable: `graphql(\`query X …\`)` becomes an import of
 * `XDocument` from src/gql/graphql.ts (its Babel plugin). Without it every chunk that calls graphql()
 * holds the generated map of all the app's documents (src/gql/gql.ts), which its header says cannot be
 * tree-shaken: each page then carries only its own documents. The types are unchanged (tsc still
 * reads gql.ts's overloads), and so is the value: the map's entries are these same exports.
 */
const graphqlDocuments = defineRolldownBabelPreset({
  preset: () => ({
    plugins: [
      [
        babelOptimizerPlugin,
        { artifactDirectory: fileURLToPath(new URL('./src/gql', import.meta.url)), gqlTagName: 'graphql' },
      ],
    ],
  }),
  rolldown: {
    // only the app's files that call graphql() with a document (not the generated files themselves)
    filter: { id: { include: /\/src\/.+\.tsx?$/, exclude: /\/src\/gql\// }, code: 'graphql(`' },
  },
});

/**
 * The documents those imports name all live in one module, src/gql/graphql.ts, and a module goes whole
 * into one chunk: the entry's, which uses a few of them. In the build, graphql.ts re-exports each
 * document from a module of its own, which goes with the pages that use it. And gql.ts, whose map
 * imports them all (and so would put every document in every chunk that reaches gql.ts for
 * getFragmentData), is left without it: graphql() is never called in the build, as the Babel plugin
 * compiled every call away; one it missed fails loudly. (Only the build: in development every module
 * is served on its own, and graphql() works as generated.)
 */
function documentPerModule(): Plugin {
  const generatedDocuments = fileURLToPath(new URL('./src/gql/graphql.ts', import.meta.url));
  const generatedMap = fileURLToPath(new URL('./src/gql/gql.ts', import.meta.url));
  const prefix = '\0graphql-document:';
  // every runtime export of the generated file is one document, on one line
  const document = /^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*>;$/gm;
  const documents = new Map<string, string>();
  return {
    name: 'taskboard:graphql-document-per-module',
    apply: 'build',
    enforce: 'pre',
    resolveId: (source) => (source.startsWith(prefix) ? source : undefined),
    async load(id) {
      if (id === generatedDocuments) {
        const code = await readFile(id, 'utf8');
        documents.clear();
        for (const [, name, json] of code.matchAll(document)) documents.set(name!, json!);
        if (documents.size !== code.match(/^export const /gm)?.length)
          this.error(`${id}: not every export is a document on one line; has graphql-codegen's output changed?`);
        return [...documents.keys()].map((name) => `export { ${name} } from '${prefix}${name}';`).join('\n');
      }
      if (id === generatedMap) {
        return `export function graphql() {
  throw new Error('graphql() is compiled away in the build (web-client/vite.config.ts); this call was not');
}`;
      }
      if (id.startsWith(prefix)) {
        const name = id.slice(prefix.length);
        return `export const ${name} = ${documents.get(name)};`;
      }
      return undefined;
    },
  };
}

export default defineConfig({
  plugins: [react(), babel({ presets: [graphqlDocuments] }), documentPerModule()],
  optimizeDeps: {
    // The playground's editor workers (src/playground/editor-workers.ts) are `?worker` imports, which
    // the optimizer's start-up scan does not follow. monaco-graphql's worker imports two CommonJS
    // packages: unbundled, a browser cannot import them as ES modules and the worker dies in
    // development. Pre-bundle them too, by the paths that lead to them.
    include: ['monaco-graphql > picomatch-browser', 'monaco-graphql > graphql-language-service > nullthrows'],
  },
  server: {
    port: Number(process.env.PORT ?? 8080),
    proxy: {
      '/graphql': {
        target: new URL(api).origin,
        // Host stays the page's, so the API sees the Origin and Host a browser would send it.
        changeOrigin: false,
        // The WebSocket upgrade too, with every header as the browser sent it (the session cookie
        // among them), and the API's close codes passed through, as the production server does.
        ws: true,
        // Vite calls this for upgrades without a response object: a handshake from another origin
        // is refused (Vite answers 404) as production refuses it (403), see server/origin.ts.
        bypass: (request, response) =>
          response || sameOrigin(request.headers.origin, request.headers.host) ? undefined : false,
      },
    },
  },
  build: {
    outDir: 'dist/public',
    // No source maps in the image: they would be served to anyone under /assets/.
    sourcemap: false,
    // Vite's warning about chunks over 500 kB is left on: it names Monaco and its workers (loaded only
    // on /playground) and the initial chunk, whose size matters (npm run bench:web measures it).
    rolldownOptions: {
      output: {
        // Everything the first page needs in one chunk with the entry: left to itself, Rolldown makes
        // a chunk of each set of modules the entry shares with some lazily loaded pages (9 files, and
        // ~4 kB more once each is compressed on its own).
        // graphql-ws, loaded with the first subscription (apollo/live.ts), by its own name rather than
        // its folder's ("dist").
        codeSplitting: {
          groups: [
            { name: 'app', tags: ['$initial'] },
            { name: 'graphql-ws', test: /[\\/]node_modules[\\/]graphql-ws[\\/]/ },
          ],
        },
      },
      onLog(level, log, handler) {
        // "use no memo" is a React Compiler directive left in react-compiler-runtime and
        // @graphiql/react, which were compiled before publishing: it means nothing to a bundle, and
        // dropping it is correct. Every other warning is shown.
        if (level === 'warn' && log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use no memo"')) return;
        handler(level, log);
      },
    },
  },
});
