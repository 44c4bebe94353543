// Monaco's web workers for the playground's editors: the generic editor worker, JSON (variables and
// headers) and GraphQL (monaco-graphql's language service).
//
// These `?worker` imports live here, in the app's own source, instead of coming from
// `graphiql/setup-workers/vite`: Vite handles `?worker` only in source it transforms, and its
// development dependency optimizer (rolldown) cannot load a `?worker` import met inside a
// pre-bundled package, so the packaged setup file stopped `npm run dev` at start-up. From here the
// same imports work in both the dev server and the production build.
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker.js?worker';
import GraphQLWorker from 'monaco-graphql/esm/graphql.worker.js?worker';

// Monaco reads globalThis.MonacoEnvironment; its types declare it on Window (the page's globalThis).
window.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    switch (label) {
      case 'json':
        return new JsonWorker();
      case 'graphql':
        return new GraphQLWorker();
      default:
        return new EditorWorker();
    }
  },
};
