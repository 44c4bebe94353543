// Operations that each break one of the API's limits (gateway-api/limits), and a schema that lets them:
// used by limits.test.ts and by the end-to-end run of check:schema in checks.test.ts.
import { LIMITS } from 'gateway-api/limits';

/** A board's tasks each point back to the board: as deep and as costly as anyone asks. */
export const LIMITS_SDL = `
type Query { board(id: ID!, tags: [String!]): Board }
type Board { id: ID! name: String! tasks(first: Int = 20): [Task!]! }
type Task { id: ID! title: String! board: Board! }
`;

/** 9 fields deep (board > tasks > board > tasks > board > tasks > board > tasks > id), most of it in fragments in another file */
export const TOO_DEEP = {
  operation: 'query Deep { board(id: 1) { ...Deep_board } }',
  fragments: `fragment Deep_board on Board { tasks(first: 1) { board { ...Deep_tasks } } }
fragment Deep_tasks on Board { tasks(first: 1) { board { tasks(first: 1) { board { tasks(first: 1) { id } } } } } }`,
};
export const TOO_MANY_ALIASES = `query Aliased { board(id: 1) { ${Array.from({ length: 16 }, (_, i) => `a${i}: id`).join(' ')} } }`;
/** 2 + (2 + 2 + (2 + 1) x 100) x 100 = 30402: page sizes multiply */
export const TOO_COSTLY = `# Every task's board's tasks.
query Costly { board(id: 1) { tasks(first: 100) { board { tasks(first: 100) { id } } } } }`;
/** A valid query of exactly `tokens` lexical tokens: 17 plus one string per tag (1000 repeated fields would be refused by graphql-js's own overlap check first). */
export const longQuery = (tokens: number) =>
  `query Long { board(id: 1, tags: [${'"t" '.repeat(tokens - 17)}]) { id } }`;
export const TOO_LONG = longQuery(LIMITS.maxTokens + 1);
