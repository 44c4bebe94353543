// Hostile GraphQL operations generated from the schema itself: for every field that takes
// arguments (Query and Mutation fields, and nested ones such as Board.tasks, reached through a
// seeded parent), operations whose arguments are wrong in every way a client could make them wrong.
// Used by test/api/fuzz.test.ts.
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/** The id of a seeded object of `kind` (a GraphQL type name), resolved when the request is sent. */
export class SeedRef {
  constructor(
    readonly kind: string,
    readonly index: number,
  ) {}
}

/** Where a field with arguments sits: its parent chain from a root type, and the field. */
export interface Target {
  operation: 'query' | 'mutation';
  /** fields to go through from the root, each with the seeded id it is given (e.g. board(id: ...)) */
  path: { field: string; idOf?: string }[];
  field: GraphQLField<unknown, unknown>;
  /** printed: parent type and field, e.g. "Board.tasks" */
  name: string;
}

export interface HostileCase {
  target: Target;
  /** sent as a subscription, which the schema may not support */
  subscription: boolean;
  /** per argument: left out, sent as a variable, or written inline */
  args: { arg: GraphQLArgument; mode: 'omit' | 'variable' | 'literal'; value: unknown }[];
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');

const hostileNumber = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    1.5,
    -1.5,
    1e300,
    -1e300,
    5e-324,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31),
    -(2 ** 31) - 1,
    2 ** 53,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_VALUE,
    // JSON has no NaN or Infinity: these go out as null, or as the strings clients might send
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ),
  fc.integer(),
  fc.double(),
);

const cursorKey = fc.oneof(
  fc.array(hostileNumber, { maxLength: 3 }),
  fc.tuple(fc.double(), fc.integer()),
  fc.tuple(fc.integer(), fc.double()),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Strings that cursors, ids, dates and free text all have to survive. */
const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '01',
    '1.0',
    '1e3',
    '1e300',
    '0x10',
    'NaN',
    'Infinity',
    '-Infinity',
    'null',
    'undefined',
    'true',
    '[]',
    '{}',
    '__proto__',
    'constructor',
    '2147483648',
    '99999999999999999999999',
    '١٢٣',
    '\u0000',
    '\uD800',
    'a\uDC00b',
    '\u202Eevil',
    'Ω≈ç√∫˜µ≤',
    '😀'.repeat(64),
    "'; DROP TABLE Task; --",
    '" OR 1=1 -- ',
    '%_*+-<>()~"@',
    '\\',
    '<script>alert(1)</script>',
    'x'.repeat(192),
    'x'.repeat(5001),
    'x'.repeat(20_000),
    'WzFlKzMwMCwxXQ', // [1e300,1]
    base64url('[1e300]'),
    base64url('[NaN,1]'),
    base64url('[1,2]'),
    base64url('[-1]'),
    base64url('[1.5,1]'),
    base64url('{"0":1,"1":2}'),
    base64url('["1","2"]'),
    Buffer.from('[1,2]').toString('base64'),
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  cursorKey.map((key) => base64url(JSON.stringify(key) ?? 'null')),
  cursorKey.map((key) => Buffer.from(JSON.stringify(key) ?? 'null').toString('base64')),
);

/**
 * Cursors (the Relay `after` argument): base64url JSON of keys with every wrong shape, type and
 * range, next to hostile strings of any kind.
 */
const hostileCursor = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.array(hostileNumber, { minLength: 1, maxLength: 2 }).map((key) => base64url(JSON.stringify(key))),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(
        fc.oneof(hostileNumber, fc.integer({ min: -1, max: 1000 }), fc.string({ maxLength: 3 }), fc.constant(null)),
        {
          maxLength: 3,
        },
      )
      .map((key) => base64url(JSON.stringify(key))),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((key) => base64url(JSON.stringify(key) ?? 'null')) },
  { weight: 1, arbitrary: hostileString },
);
const CURSOR_ARGUMENTS = new Set(['after', 'before']);

const hostileDate = fc.oneof(
  fc.constantFrom(
    '2026-01-01T00:00:00Z',
    '2026-01-01T00:00:00.123Z',
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '0999-12-31T23:59:59Z',
    '1000-01-01T00:00:00Z',
    '1969-12-31T23:59:59.999Z',
    '1970-01-01T00:00:00Z',
    '2038-01-19T03:14:08Z',
    '9999-12-31T23:59:59.999Z',
    '9999-12-31T23:59:59-23:59',
    '0000-01-01T00:00:00+23:59',
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '2026-01-01',
    'now',
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

/** Objects nested deeper than any input type, with names no input type has. */
const deepObject = fc
  .integer({ min: 1, max: 60 })
  .map((depth) =>
    Array.from({ length: depth }).reduce<unknown>((inner, _, i) => (i % 2 ? { a: inner } : { input: inner }), 1),
  );

/** Anything at all, for places that expect something else. */
const wrongValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  hostileNumber,
  hostileString,
  fc.array(fc.oneof(fc.constant(null), hostileNumber, hostileString), { maxLength: 4 }),
  deepObject,
);

/** Int values GraphQL accepts (32-bit), with the edges and the values resolvers may trip on. */
const int32 = fc.oneof(
  fc.constantFrom(0, -1, 1, 2, 99, 100, 101, 2 ** 31 - 1, -(2 ** 31), 2 ** 30),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
);

function scalarValue(name: string, seeds: Set<string>, plausible: boolean): fc.Arbitrary<unknown> {
  const seeded = fc.tuple(fc.constantFrom(...seeds), fc.nat(3)).map(([k, i]) => new SeedRef(k, i));
  switch (name) {
    case 'ID':
      return plausible
        ? fc.oneof({ weight: 3, arbitrary: seeded }, { weight: 1, arbitrary: hostileString })
        : fc.oneof({ weight: 1, arbitrary: seeded }, hostileString, hostileNumber);
    case 'Int':
      return plausible
        ? int32
        : fc.oneof({ weight: 3, arbitrary: hostileNumber }, { weight: 1, arbitrary: hostileString });
    case 'Float':
      return plausible ? fc.double({ noNaN: true, noDefaultInfinity: true }) : hostileNumber;
    case 'Boolean':
      return plausible ? fc.boolean() : fc.constantFrom('true', 1, 0, null);
    case 'DateTimeISO':
      return plausible ? hostileDate : fc.oneof(hostileDate, hostileNumber, hostileString);
    default:
      return hostileString;
  }
}

/**
 * Values for an input type. Plausible ones have the right shape and type, so they pass GraphQL's
 * coercion and reach the resolvers, with hostile contents (ids of other types, edge numbers,
 * crafted cursors, odd strings and dates). The others are of any shape at all: null for a required
 * value, a list for an object, invalid enum values, unknown or missing fields, deep nesting.
 */
export function inputValue(
  type: GraphQLInputType,
  seeds: Set<string>,
  plausible: boolean,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    const value = inputValue(type.ofType, seeds, plausible, depth);
    return plausible ? value : fc.oneof({ weight: 6, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
  }
  const right = ((): fc.Arbitrary<unknown> => {
    if (isListType(type)) {
      const item = inputValue(type.ofType, seeds, plausible, depth + 1);
      return fc.oneof(
        fc.array(item, { maxLength: 5 }),
        fc.array(item, { minLength: 49, maxLength: 120 }),
        item, // a single value where a list is expected (GraphQL coerces it to a list of one)
      );
    }
    if (isEnumType(type)) {
      if (plausible) return fc.constantFrom(...type.getValues().map((v) => v.name));
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) },
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            ...type.getValues().map((v) => v.name.toLowerCase()),
            '',
            'NOT_A_VALUE',
            '__proto__',
          ),
        },
      );
    }
    if (isInputObjectType(type)) {
      if (depth > 4) return fc.constant({});
      const fields = Object.values(type.getFields());
      const known = fc.tuple(
        ...fields.map((f) =>
          fc
            .option(inputValue(f.type, seeds, plausible, depth + 1), { nil: undefined, freq: plausible ? 4 : 3 })
            .map((v) => [f.name, v] as const),
        ),
      );
      const unknown = fc.array(
        fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'id ', 'input', 'a'), wrongValue),
        { maxLength: 2 },
      );
      if (plausible) return known.map((k) => Object.fromEntries(k.filter(([, v]) => v !== undefined)));
      return fc
        .tuple(known, unknown)
        .map(([k, u]) => Object.fromEntries([...k.filter(([, v]) => v !== undefined), ...u]));
    }
    if (isScalarType(type)) return scalarValue(type.name, seeds, plausible);
    return wrongValue;
  })();
  return plausible ? right : fc.oneof({ weight: 5, arbitrary: right }, { weight: 1, arbitrary: wrongValue });
}

const hasArgs = (field: GraphQLField<unknown, unknown>) => field.args.length > 0;

/**
 * Every field with arguments, with a way to reach it: root fields directly, others through root
 * fields that take at most a required `id` (given a seeded id of their type), breadth first.
 */
export function targetsOf(schema: GraphQLSchema): Target[] {
  const targets: Target[] = [];
  const mutation = schema.getMutationType();
  if (mutation) {
    for (const field of Object.values(mutation.getFields())) {
      targets.push({ operation: 'mutation', path: [], field, name: `Mutation.${field.name}` });
    }
  }
  const query = schema.getQueryType()!;
  const reached = new Map<GraphQLObjectType, Target['path']>([[query, []]]);
  const queue: GraphQLObjectType[] = [query];
  while (queue.length) {
    const parent = queue.shift()!;
    const path = reached.get(parent)!;
    for (const field of Object.values(parent.getFields())) {
      if (hasArgs(field) || parent === query) {
        targets.push({ operation: 'query', path, field, name: `${parent.name}.${field.name}` });
      }
      const type = getNamedType(field.type);
      if (!isObjectType(type) || reached.has(type)) continue;
      const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
      const byId = required.length === 1 && required[0]!.name === 'id';
      if (required.length === 0 || byId) {
        reached.set(type, [...path, { field: field.name, ...(byId ? { idOf: type.name } : {}) }]);
        queue.push(type);
      }
    }
  }
  // Board.tasks is reachable through both board(id) and boards.edges.node: one target each is enough
  const seen = new Set<string>();
  return targets.filter((t) => !seen.has(t.name) && seen.add(t.name));
}

type Mode = HostileCase['args'][number]['mode'];

/**
 * Two cases in three are plausible (see inputValue), so that most of them reach a resolver; one in
 * twenty is sent as a subscription.
 */
export function caseOf(target: Target, seeds: Set<string>): fc.Arbitrary<HostileCase> {
  const argument = (arg: GraphQLArgument, plausible: boolean) => {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    // cursors are Strings with a meaning of their own, so they get values of their own
    const cursor = plausible && CURSOR_ARGUMENTS.has(arg.name) && getNamedType(arg.type).name === 'String';
    return fc.record({
      arg: fc.constant(arg),
      mode: fc.constantFrom<Mode>(
        ...(plausible
          ? (['variable', 'variable', 'literal', required ? 'variable' : 'omit'] as const)
          : (['omit', 'variable', 'variable', 'literal'] as const)),
      ),
      value: cursor ? hostileCursor : inputValue(arg.type, seeds, plausible),
    });
  };
  const args = (plausible: boolean) => fc.tuple(...target.field.args.map((arg) => argument(arg, plausible)));
  return fc
    .record({
      target: fc.constant(target),
      subscription: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
      args: fc.oneof({ weight: 2, arbitrary: args(true) }, { weight: 1, arbitrary: args(false) }),
    })
    .map((c) =>
      // fast-check prints counterexamples with this, instead of the whole GraphQLField
      Object.assign(c, {
        [fc.toStringMethod]: () =>
          `${c.subscription ? 'subscription ' : ''}${target.name}(${c.args
            .map(({ arg, mode, value }) => `${arg.name} [${mode}]: ${fc.stringify(value)}`)
            .join(', ')})`,
      }),
    );
}

/** A small selection: the leaves, and objects down to `depth`, leaving out fields that need arguments. */
export function selectionOf(type: GraphQLObjectType | ReturnType<typeof getNamedType>, depth = 3): string {
  if (!isObjectType(type)) return '';
  const parts: string[] = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    if (field.args.length) continue;
    const named = getNamedType(field.type);
    if (isObjectType(named)) {
      if (depth > 1) parts.push(`${field.name} { ${selectionOf(named, depth - 1)} }`);
    } else {
      parts.push(field.name);
    }
  }
  return parts.join(' ');
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** An arbitrary JS value (of any type) written as a GraphQL literal, enum values bare. */
export function printLiteral(value: unknown, type: GraphQLInputType): string {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return isEnumType(inner) && NAME.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value)) {
    const item = isListType(inner) ? inner.ofType : inner;
    return `[${value.map((v) => printLiteral(v, item)).join(', ')}]`;
  }
  const fields = isInputObjectType(inner) ? inner.getFields() : {};
  const entries = Object.entries(value as Record<string, unknown>).filter(([k]) => NAME.test(k));
  return `{ ${entries.map(([k, v]) => `${k}: ${printLiteral(v, fields[k]?.type ?? inner)}`).join(', ')} }`;
}

/** Replaces every SeedRef in a value by a seeded id. */
export function resolveSeeds(value: unknown, idOf: (ref: SeedRef) => string): unknown {
  if (value instanceof SeedRef) return idOf(value);
  if (Array.isArray(value)) return value.map((v) => resolveSeeds(v, idOf));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveSeeds(v, idOf)]));
  }
  return value;
}

/** The request for a case: its query text and variables. */
export function requestOf(c: HostileCase, idOf: (ref: SeedRef) => string) {
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const args: string[] = [];
  c.args.forEach(({ arg, mode, value }, i) => {
    if (mode === 'omit') return;
    const resolved = resolveSeeds(value, idOf);
    if (mode === 'literal') {
      args.push(`${arg.name}: ${printLiteral(resolved, arg.type)}`);
    } else {
      definitions.push(`$v${i}: ${String(arg.type)}`);
      args.push(`${arg.name}: $v${i}`);
      variables[`v${i}`] = resolved;
    }
  });
  const selection = selectionOf(getNamedType(c.target.field.type));
  let body = `${c.target.field.name}${args.length ? `(${args.join(', ')})` : ''}${selection ? ` { ${selection} }` : ''}`;
  for (const step of [...c.target.path].reverse()) {
    const id = step.idOf ? `(id: ${JSON.stringify(idOf(new SeedRef(step.idOf, 0)))})` : '';
    body = `${step.field}${id} { ${body} }`;
  }
  const header = definitions.length ? `(${definitions.join(', ')})` : '';
  const operation = c.subscription ? 'subscription' : c.target.operation;
  return { query: `${operation} Fuzz${header} { ${body} }`, variables };
}
