// Every root field of the schema needs a signed-in user unless it is on the PUBLIC list. Both the
// declarations (type-graphql's @Authorized metadata) and the behaviour (an anonymous call over HTTP)
// are checked for every field the built schema has, so fields added later are covered unasked.
import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSchema, RESOLVERS } from '../../src/graphql/schema.js';
import { startApi, type TestApi } from '../support/api.js';
import { subscribe } from '../support/live.js';

/** The only root fields anyone may call without signing in. */
const PUBLIC = ['Query.me', 'Mutation.signIn', 'Mutation.signUp'];

interface RootField {
  /** `Query.board` */
  coordinate: string;
  operation: 'query' | 'mutation' | 'subscription';
  field: GraphQLField<unknown, unknown>;
}

function rootFields(schema: GraphQLSchema): RootField[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  return roots.flatMap(([operation, type]) =>
    Object.values(type?.getFields() ?? {}).map((field) => ({
      coordinate: `${type!.name}.${field.name}`,
      operation,
      field,
    })),
  );
}

const resolvers = new Set<unknown>(RESOLVERS);

/** Whether the resolver method behind a root field carries @Authorized, on itself or on its class. */
function isAuthorized({ operation, field }: RootField): boolean {
  const storage = getMetadataStorage();
  const handlers = { query: storage.queries, mutation: storage.mutations, subscription: storage.subscriptions }[
    operation
  ].filter((handler) => handler.schemaName === field.name && resolvers.has(handler.target));
  if (handlers.length === 0) throw new Error(`no resolver in RESOLVERS declares ${operation} ${field.name}`);
  return handlers.every(
    ({ target, methodName }) =>
      storage.authorizedFields.some((a) => a.target === target && a.fieldName === methodName) ||
      storage.authorizedResolver.some((a) => a.target === target),
  );
}

/** The least value a variable of this type accepts: required input fields only, one list item. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, sample(f.type)]),
    );
  }
  if (isScalarType(type)) {
    const scalars: Record<string, unknown> = {
      ID: '1',
      String: 'x',
      Int: 1,
      Float: 1,
      Boolean: true,
      DateTimeISO: '2030-01-01T00:00:00.000Z',
    };
    if (type.name in scalars) return scalars[type.name];
  }
  throw new Error(`schema-guard.test.ts has no sample value for ${String(type)}: add one`);
}

/** An operation calling just this field, with its required arguments as variables. */
function anonymousCall({ operation, field }: RootField) {
  const args = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const definitions = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return {
    query: `${operation}${definitions ? `(${definitions})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`,
    variables: Object.fromEntries(args.map((arg) => [arg.name, sample(arg.type)])),
  };
}

// api.sql holds only the statements requests ran (the testkit leaves out the driver's housekeeping)
const requestSql = (api: TestApi) => api.sql;

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await getSchema();
});

describe('declared guards', () => {
  it('put @Authorized on every root field not on the PUBLIC list', () => {
    const unguarded = rootFields(schema)
      .filter((root) => !PUBLIC.includes(root.coordinate) && !isAuthorized(root))
      .map((root) => root.coordinate);
    expect(unguarded, 'root fields without @Authorized() that are not on the PUBLIC list').toEqual([]);
  });

  it('keep the PUBLIC list to fields that exist and really are public', () => {
    const byCoordinate = new Map(rootFields(schema).map((root) => [root.coordinate, root]));
    for (const coordinate of PUBLIC) {
      const root = byCoordinate.get(coordinate);
      expect(root, `${coordinate} is not in the schema`).toBeDefined();
      expect(isAuthorized(root!), `${coordinate} is PUBLIC but has @Authorized()`).toBe(false);
    }
  });

  it('tells guarded from unguarded fields: it reports exactly the public ones as unguarded', () => {
    const unguarded = rootFields(schema)
      .filter((root) => !isAuthorized(root))
      .map((root) => root.coordinate);
    expect(unguarded.sort()).toEqual([...PUBLIC].sort());
  });
});

describe('plain fields', () => {
  // Object types are declared with simpleResolvers: a field without a @FieldResolver is read from its
  // object by graphql-jit itself (no type-graphql wrapper per field and per row: a sixth of the board
  // view's allocations). type-graphql then ignores a field's @Authorized and @UseMiddleware, so none
  // may have either.
  it('carry neither @Authorized nor middlewares, which simpleResolvers would ignore', () => {
    const storage = getMetadataStorage();
    const guarded = [
      ...storage.authorizedFields.filter((a) =>
        storage.fields.some((f) => f.target === a.target && f.name === a.fieldName),
      ),
      ...storage.middlewares.filter((m) => storage.fields.some((f) => f.target === m.target && f.name === m.fieldName)),
    ].map((m) => `${(m.target as { name: string }).name}.${m.fieldName}`);
    expect(guarded).toEqual([]);
  });

  // A @Root() parameter typed with a class (`task: Task`) makes type-graphql copy the parent into a
  // new instance of it at every call; `Readonly<Task>` (no class in the metadata) passes the services'
  // object as it is: for the board view, four copies of each of its 150 tasks.
  it('reach field resolvers as the services made them: no @Root() parameter is typed with a class', () => {
    const copied = getMetadataStorage()
      .params.filter((param) => param.kind === 'root' && param.getType)
      .map((param) => `${(param.target as { name: string }).name}.${param.methodName}`);
    expect(copied).toEqual([]);
  });

  it('have no resolver of their own, and fields with a @FieldResolver keep theirs', () => {
    const task = schema.getType('Task') as GraphQLObjectType;
    expect(task.getFields().title!.resolve).toBeUndefined();
    expect(task.getFields().labels!.resolve).toEqual(expect.any(Function));
  });
});

describe('anonymous calls', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => api?.close());

  it('get UNAUTHENTICATED and no data from every non-public root field, before any SQL', async () => {
    const guarded = rootFields(schema).filter((root) => !PUBLIC.includes(root.coordinate));
    expect(guarded.length).toBeGreaterThan(0);
    const answers: Record<string, unknown> = {};
    for (const root of guarded) {
      const { query, variables } = anonymousCall(root);
      api.sql.length = 0;
      const { status, body } =
        root.operation === 'subscription'
          ? await overWebSocket(query, variables)
          : await api.client().request(query, variables);
      answers[root.coordinate] = {
        status,
        data: body.data?.[root.field.name] ?? null,
        codes: body.errors?.map((e) => e.extensions?.code),
        sql: requestSql(api),
      };
    }
    const expected = Object.fromEntries(
      guarded.map((root) => [root.coordinate, { status: 200, data: null, codes: ['UNAUTHENTICATED'], sql: [] }]),
    );
    expect(answers).toEqual(expected);
  });

  /** subscriptions are served over WebSocket only (graphql-ws), where their answer is the first result */
  async function overWebSocket(query: string, variables: Record<string, unknown>) {
    const live = subscribe(api.url, undefined, query, variables);
    await live.completed;
    await live.dispose();
    const [first] = live.results;
    return { status: 200, body: { data: first?.data ?? null, errors: first?.errors } };
  }

  it('get answers from the public ones', async () => {
    const client = api.client();
    expect(await client.data('{ me { id } }')).toEqual({ me: null });
    const { body } = await client.request(
      'mutation { signIn(input: { email: "nobody@example.com", password: "wrong password" }) { user { id } } }',
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED'); // a failed sign-in, not the guard
    expect(body.errors?.[0]?.message).toBe('Invalid email or password.');
  });
});
