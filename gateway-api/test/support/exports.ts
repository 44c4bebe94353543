// `gateway-api/test-support`: a real API process on a real database, and a GraphQL client for it,
// for other workspaces' tests (the web client's server tests).
export { GraphQLClient, startApi, type TestApi } from './api.js';
