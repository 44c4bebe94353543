// Where the benchmark keeps things. Everything it generates (database files, builds, logs) lives
// under bench/.data (git-ignored by the root .gitignore's `.data/`); only bench/results is kept.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH = path.join(REPO, 'bench');
export const DATA = path.join(BENCH, '.data');
export const DB_DIR = path.join(DATA, 'db');
// under a `dist` folder, which the repository's ESLint and Prettier configurations already skip
export const BUILD = path.join(DATA, 'dist');
export const LOGS = path.join(DATA, 'logs');
/** CPU profiles the bench is asked for (`--live-cpu-prof`) */
export const PROFILES = path.join(DATA, 'profiles');
export const RESULTS = path.join(BENCH, 'results');

/** gateway-api compiled by its own tsconfig.build.json, into a private folder (see lib/build.ts) */
export const API_BUILD = path.join(BUILD, 'gateway-api');
export const API_ENTRY = path.join(API_BUILD, 'bundle/main.js');
/** the comparison servers, compiled by bench/tsconfig.servers.json with the gateway-api sources they import */
export const SERVERS_BUILD = path.join(BUILD, 'servers');
export const serverEntry = (name: 'floor' | 'naive' | 'plain') =>
  path.join(SERVERS_BUILD, 'bench/api/servers', `${name}.js`);
/** the web client as production runs it: dist/server next to dist/public */
export const WEB_BUILD = path.join(BUILD, 'web/dist');
export const WEB_ENTRY = path.join(WEB_BUILD, 'server/index.js');
export const MINIMAL_BUILD = path.join(BUILD, 'minimal-app');
/** the same two client builds with source maps, only to attribute bytes to packages */
export const WEB_SOURCEMAP_BUILD = path.join(BUILD, 'web-sourcemap');
export const MINIMAL_SOURCEMAP_BUILD = path.join(BUILD, 'minimal-app-sourcemap');
