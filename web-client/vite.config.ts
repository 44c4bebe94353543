// Vite: the React app's build and dev server. In development /graphql is proxied to the API, as
// the production server (server/) does: HTTP, and the WebSockets of live boards.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { sameOrigin } from './server/origin.js';

const api = process.env.GATEWAY_API_URL ?? 'http://localhost:4000/graphql';

export default defineConfig({
  plugins: [react()],
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
