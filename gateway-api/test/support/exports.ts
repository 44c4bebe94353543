// `gateway-api/test-support`: a real API process on a real database, and a GraphQL client for it,
// for other workspaces' tests (the web client's proxy tests, the root tests).
export { GraphQLClient, startApi, type TestApi } from './api.js';
export { freePort } from './ports.js';
