// `gateway-api/limits`: what one GraphQL document may ask for (depth, aliases, cost, tokens), as the
// validation rules the API itself runs, so that the schema workspace can hold every client and
// playground operation to them before they ship.
export { LIMITS, limitRules, operationCost } from '../graphql/limits.js';
