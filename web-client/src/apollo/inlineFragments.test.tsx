// Every operation the app sends, as it sends it (with __typename, fragments merged in): valid, within
// the API's limits, and answered exactly as the operation written with fragments would be.
import { addTypenameToDocument } from '@apollo/client/utilities';
import {
  buildSchema,
  execute,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  print,
  validate,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLOutputType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import sdl from '../../../schema/schema.graphql?raw';
import * as generated from '../gql/graphql';
import { inlineFragments } from './inlineFragments';

const schema = buildSchema(sdl);

// gateway-api/src/graphql/limits.ts: depth counts fields, leaves included; tokens, the whole text
const MAX_DEPTH = 8;
const MAX_TOKENS = 1000;

const operations = Object.entries(generated).filter(
  (entry): entry is [string, DocumentNode] =>
    typeof entry[1] === 'object' &&
    entry[1] !== null &&
    'definitions' in entry[1] &&
    entry[1].definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION),
);

function fieldDepth(set: SelectionSetNode | undefined): number {
  if (!set) return 0;
  return Math.max(
    0,
    ...set.selections.map((s) =>
      s.kind === Kind.FIELD
        ? 1 + fieldDepth(s.selectionSet)
        : s.kind === Kind.INLINE_FRAGMENT
          ? fieldDepth(s.selectionSet)
          : 0,
    ),
  );
}

function sampleInput(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleInput(type.ofType);
  if (isListType(type)) return [sampleInput(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, sampleInput(field.type)]),
    );
  }
  return { ID: '1', String: 'text', Int: 1, Boolean: true }[type.name] ?? '2026-01-01T00:00:00.000Z';
}

/** Answers every field with a value made from its type and path, the same for both documents. */
function sampleOutput(type: GraphQLOutputType, key: string): unknown {
  if (isNonNullType(type)) return sampleOutput(type.ofType, key);
  if (isListType(type)) return [sampleOutput(type.ofType, `${key}.0`), sampleOutput(type.ofType, `${key}.1`)];
  if (isObjectType(type)) return {};
  if (isEnumType(type)) return type.getValues()[0]?.value;
  return { ID: key, String: key, Int: key.length, Boolean: true }[type.name] ?? '2026-01-01T00:00:00.000Z';
}

async function answer(document: DocumentNode, operation: OperationDefinitionNode) {
  const variableValues = Object.fromEntries(
    (operation.variableDefinitions ?? []).map((v) => {
      const name = print(v.type).replace(/[![\]]/g, '');
      return [
        v.variable.name.value,
        sampleInput(getNamedType(schema.getType(name) as GraphQLInputType) as GraphQLInputType),
      ];
    }),
  );
  return execute({
    schema,
    document,
    variableValues,
    fieldResolver: (_source, _args, _context, info) => sampleOutput(info.returnType, String(info.path.key)),
  });
}

describe('operations as sent', () => {
  it('rely on a schema without interfaces or unions (so a fragment always applies where it is spread)', () => {
    const abstract = Object.values(schema.getTypeMap()).filter(
      (type) =>
        !type.name.startsWith('__') &&
        (type.astNode?.kind === Kind.INTERFACE_TYPE_DEFINITION || type.astNode?.kind === Kind.UNION_TYPE_DEFINITION),
    );
    expect(abstract.map((type) => type.name)).toEqual([]);
  });

  it.each(operations)('%s: valid, without fragments, within the depth and token limits', (_name, document) => {
    const sent = inlineFragments(addTypenameToDocument(document));
    expect(validate(schema, sent)).toEqual([]);
    expect(sent.definitions.every((d) => d.kind === Kind.OPERATION_DEFINITION)).toBe(true);
    expect(print(sent)).not.toContain('...');
    const operation = sent.definitions[0] as OperationDefinitionNode;
    expect(fieldDepth(operation.selectionSet)).toBeLessThanOrEqual(MAX_DEPTH);
    expect(() => parse(print(sent), { maxTokens: MAX_TOKENS })).not.toThrow();
  });

  it.each(operations)('%s: answered exactly as the written operation', async (_name, document) => {
    const written = addTypenameToDocument(document);
    const sent = inlineFragments(written);
    const operation = written.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
    const [expected, actual] = await Promise.all([answer(written, operation), answer(sent, operation)]);
    expect(expected.errors).toBeUndefined();
    expect(actual).toEqual(expected);
  });

  it('leaves a document with a conditional fragment spread as it is', () => {
    const document = parse('query Q($on: Boolean!) { me { ...F @include(if: $on) } } fragment F on User { id }');
    expect(inlineFragments(document)).toBe(document);
  });
});
