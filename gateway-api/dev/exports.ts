// `gateway-api/dev`: the dev-only tools other workspaces use (a throw-away local MariaDB, the demo
// data). Not in the build nor the image.
export {
  findServerBinary,
  MissingServerBinaryError,
  startLocalDatabase,
  type LocalDatabase,
  type ServerBinary,
} from './local-database.js';
export { BENCHMARK_BOARD, DEMO_PASSWORD, DEMO_USERS, seed } from './seed.js';
// the columns every board starts with, which the seed gives its boards (and the bench its own)
export { DEFAULT_COLUMNS } from '../src/modules/column/defaults.js';
