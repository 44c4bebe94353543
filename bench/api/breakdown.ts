// Where gateway-api's time goes on the board view, piece by piece, one request at a time in this
// process (`node --import tsx bench/api/breakdown.ts`, after a `bench` run has built everything):
//  - the board view's SQL as gateway-api's services and loaders run it (on the pool, db/sql.ts) against the
//    same statements on the raw `mariadb` pool;
//  - GraphQL execution of the BoardPage document over in-memory data (150 tasks): graphql-js alone,
//    Apollo Server with its defaults, and without its cache-control plugin; and serialising the answer.
// Prints CPU milliseconds per operation; writes nothing.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { buildSchema, execute, isObjectType, parse, type GraphQLFieldResolver } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import type * as ConfigEntry from 'gateway-api/config';
import type * as DatabaseEntry from 'gateway-api/database';
import type * as DomainEntry from 'gateway-api/domain';
import { ensureServersBuild } from '../lib/build.js';
import { ensureBenchData } from '../lib/data.js';
import { openBenchDatabase } from '../lib/db.js';
import { API_BUILD, REPO } from '../lib/paths.js';
import { BOARD_PAGE } from './operations.js';

// gateway-api's entry points as compiled for the comparison servers (type-graphql's decorators need tsc)
const compiled = <T>(file: string) => import(pathToFileURL(path.join(API_BUILD, file)).href) as Promise<T>;

async function cpuPerCall(run: () => unknown, n = 200): Promise<number> {
  for (let i = 0; i < 30; i++) await run();
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / n;
}

const rows: [string, number][] = [];
const measure = async (label: string, run: () => unknown) => {
  const ms = await cpuPerCall(run);
  rows.push([label, ms]);
  console.log(`${label.padEnd(64)} ${ms.toFixed(2).padStart(6)} ms CPU`);
};

await ensureServersBuild();
const db = await openBenchDatabase(() => {});
try {
  const data = await ensureBenchData(db, () => {});
  const { loadConfig } = await compiled<typeof ConfigEntry>('exports/config.js');
  const { createDatabase } = await compiled<typeof DatabaseEntry>('exports/database.js');
  const { createServices, createLoaders } = await compiled<typeof DomainEntry>('exports/domain.js');
  const config = loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' });
  const database = createDatabase(config.database);
  const { prisma, pool, sql } = database;
  const services = createServices(database, config);
  const boardId = data.boardViewId;
  const columns = await services.tasks.columns(boardId, 50);
  const ids = columns.flatMap((c) => c.firstTasks!.edges.map((e) => e.node.id));
  const users = [...new Set(columns.flatMap((c) => c.firstTasks!.edges.map((e) => e.node.assigneeId!)))];
  const marks = (list: unknown[]) => list.map(() => '?').join(', ');

  console.log("The board view's statements (3 x 50 tasks), as gateway-api runs them (db/sql.ts) vs the raw pool:");
  const apiSteps: [string, () => unknown][] = [
    ['session', () => services.auth.viewerFromToken('x'.repeat(43))],
    ['board + role', () => services.boards.get(data.userId, boardId)],
    ['columns (UNION ALL)', () => services.tasks.columns(boardId, 50)],
    ['members + their users', () => createLoaders(sql).membersByBoardId.load(boardId)],
    ['board labels', () => createLoaders(sql).labelsByBoardId.load(boardId)],
    ['assignees', () => createLoaders(sql).userById.loadMany(users)],
    ['task labels', () => createLoaders(sql).labelsByTaskId.loadMany(ids)],
  ];
  const columnIds = columns.map((c) => c.id);
  const column = `(SELECT t.id, t.boardId, t.title, t.description, t.status, t.columnId, t.position, t.assigneeId,
      t.dueDate, t.version, t.createdAt, t.updatedAt, (SELECT COUNT(*) FROM Task c WHERE c.columnId = ?) AS total,
      (SELECT COUNT(*) FROM Comment cm WHERE cm.taskId = t.id) AS commentCount
    FROM Task t WHERE t.columnId = ? ORDER BY t.position, t.id LIMIT 51)`;
  const rawSteps: [string, () => unknown][] = [
    ['session', () => pool.query('SELECT id, userId, expiresAt FROM Session WHERE tokenHash = ?', ['x'.repeat(64)])],
    [
      'board + role',
      () =>
        pool.query(
          `SELECT b.id, b.name, b.createdAt, m.role, (SELECT MAX(id) FROM BoardEvent) AS newestEventId
           FROM Board b JOIN Membership m ON m.boardId = b.id AND m.userId = ? WHERE b.id = ?`,
          [data.userId, boardId],
        ),
    ],
    [
      'columns (UNION ALL)',
      async () => {
        await pool.query('SELECT id, boardId, name, position, wipLimit, status FROM BoardColumn WHERE boardId = ?', [
          boardId,
        ]);
        return pool.query(
          columnIds.map(() => column).join(' UNION ALL '),
          columnIds.flatMap((id) => [id, id]),
        );
      },
    ],
    [
      'members + their users',
      () =>
        pool.query(
          `SELECT m.role, m.createdAt, u.id, u.name, u.email FROM Membership m JOIN User u ON u.id = m.userId
           WHERE m.boardId = ? ORDER BY m.role, m.createdAt, m.userId`,
          [boardId],
        ),
    ],
    [
      'board labels',
      () => pool.query('SELECT id, name, color, boardId FROM Label WHERE boardId = ? ORDER BY name, id', [boardId]),
    ],
    ['assignees', () => pool.query(`SELECT id, name, email FROM User WHERE id IN (${marks(users)})`, users)],
    [
      'task labels',
      () =>
        pool.query(
          `SELECT tl.taskId, l.id, l.name, l.color, l.boardId FROM TaskLabel tl JOIN Label l ON l.id = tl.labelId
           WHERE tl.taskId IN (${marks(ids)}) ORDER BY l.name, l.id`,
          ids,
        ),
    ],
  ];
  let apiTotal = 0;
  let rawTotal = 0;
  for (const [i, [label, run]] of apiSteps.entries()) {
    const viaApi = await cpuPerCall(run);
    const viaPool = await cpuPerCall(rawSteps[i]![1]);
    apiTotal += viaApi;
    rawTotal += viaPool;
    console.log(
      `  ${label.padEnd(26)} gateway-api ${viaApi.toFixed(2).padStart(5)} ms   raw pool ${viaPool.toFixed(2).padStart(5)} ms CPU`,
    );
  }
  console.log(
    `  ${'all'.padEnd(26)} gateway-api ${apiTotal.toFixed(2).padStart(5)} ms   raw pool ${rawTotal.toFixed(2).padStart(5)} ms CPU\n`,
  );
  await prisma.$disconnect();

  console.log('Executing BoardPage over in-memory data (150 tasks, ~2,700 fields):');
  const schema = buildSchema(readFileSync(path.join(REPO, 'schema/schema.graphql'), 'utf8'));
  const people = new Map(data.memberIds.map((id) => [id, { id, name: `User ${id}`, email: `user${id}@example.com` }]));
  const labels = [
    { id: 1, name: 'bug', color: '#d73a4a' },
    { id: 2, name: 'docs', color: '#0075ca' },
  ];
  const resolvers: Record<string, Record<string, GraphQLFieldResolver<Record<string, unknown>, unknown>>> = {
    Query: { board: async () => ({ id: boardId, name: 'Bench: board view', viewerRole: 'OWNER', liveFrom: '0' }) },
    Board: {
      columns: async () => columns.map((c) => ({ ...c, tasks: c.firstTasks })),
      members: async () => [...people.values()].map((user) => ({ role: 'MEMBER', user })),
      labels: async () => labels,
    },
    // promises, as DataLoader gives them
    Task: {
      assignee: async (task) => people.get(task.assigneeId as number) ?? null,
      labels: async () => labels,
      commentCount: async () => 3,
    },
  };
  for (const [type, fields] of Object.entries(resolvers)) {
    const object = schema.getType(type);
    if (!isObjectType(object)) continue;
    for (const [name, resolve] of Object.entries(fields)) object.getFields()[name]!.resolve = resolve;
  }
  const document = parse(BOARD_PAGE);
  const variables = { boardId: String(boardId), tasksPerColumn: 50 };
  await measure('graphql-js execute', () => execute({ schema, document, variableValues: variables }));
  // what gateway-api runs queries with (graphql/jit.ts): compiled once, then run
  const jitQuery = compileQuery(schema, document);
  if (!isCompiledQuery(jitQuery)) throw new Error(JSON.stringify(jitQuery.errors));
  await measure('graphql-jit, compiled query', () => jitQuery.query(undefined, undefined, variables));
  const result = await execute({ schema, document, variableValues: variables });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  await measure(`JSON.stringify of the answer (${JSON.stringify(result).length} bytes)`, () => JSON.stringify(result));
  for (const [label, plugins] of [
    ['Apollo Server 5 executeOperation, defaults', []],
    ['Apollo Server 5 executeOperation, cache-control plugin off', [ApolloServerPluginCacheControlDisabled()]],
  ] as const) {
    const apollo = new ApolloServer({ schema, plugins: [...plugins] });
    await apollo.start();
    await measure(label, () => apollo.executeOperation({ query: BOARD_PAGE, variables }));
    await apollo.stop();
  }
} finally {
  await db.stop();
}
