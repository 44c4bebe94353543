// Finds every GraphQL document the clients use (the web client's operations and fragments, and the
// playground's example operations) and validates them against the contract.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gqlPluckFromCodeString } from '@graphql-tools/graphql-tag-pluck';
import {
  buildSchema,
  parse,
  validate,
  Kind,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

export interface ClientDocument {
  file: string;
  source: string;
}

const CODE = /\.(ts|tsx|js|jsx|mts)$/;
const GRAPHQL = /\.(graphql|gql)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'gql', 'generated', 'coverage']);

async function walk(dir: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return; // a source folder that does not exist (yet) holds no operations
  }
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) await walk(path.join(dir, entry.name), out);
    } else if (CODE.test(entry.name) || GRAPHQL.test(entry.name)) {
      out.push(path.join(dir, entry.name));
    }
  }
}

/** Every GraphQL document in the given folders: .graphql files and graphql()/gql tagged templates. */
export async function findClientDocuments(dirs: string[]): Promise<ClientDocument[]> {
  const files: string[] = [];
  for (const dir of dirs) await walk(dir, files);
  const documents: ClientDocument[] = [];
  for (const file of files.sort()) {
    const text = await readFile(file, 'utf8');
    if (GRAPHQL.test(file)) {
      if (text.trim()) documents.push({ file, source: text });
      continue;
    }
    const sources = await gqlPluckFromCodeString(file, text, {
      modules: [{ name: 'graphql-tag' }, { name: '@apollo/client', identifier: 'gql' }],
      globalGqlIdentifierName: ['gql', 'graphql'],
      gqlMagicComment: 'graphql',
    });
    for (const s of sources) documents.push({ file, source: s.body });
  }
  return documents;
}

export interface OperationProblem {
  file: string;
  message: string;
}

/**
 * Validates all documents together (fragments may be defined in one file and used in another),
 * reporting each problem against the file that holds the offending definition.
 */
export function validateDocuments(
  sdl: string | GraphQLSchema,
  documents: ClientDocument[],
): { problems: OperationProblem[]; operations: number } {
  const schema = typeof sdl === 'string' ? buildSchema(sdl) : sdl;
  const problems: OperationProblem[] = [];
  const definitions: { file: string; node: DefinitionNode }[] = [];
  for (const doc of documents) {
    try {
      for (const node of parse(doc.source).definitions) definitions.push({ file: doc.file, node });
    } catch (error) {
      problems.push({ file: doc.file, message: (error as Error).message });
    }
  }
  const fragments = definitions.filter((d) => d.node.kind === Kind.FRAGMENT_DEFINITION);
  const operations = definitions.filter((d) => d.node.kind === Kind.OPERATION_DEFINITION);
  // Each operation with all fragments: the way a client sends it (unused fragments are fine here).
  for (const op of operations) {
    const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [op.node, ...fragments.map((f) => f.node)] };
    for (const error of validate(schema, document)) {
      if (/^Fragment ".*" is never used\.$/.test(error.message)) continue;
      problems.push({ file: op.file, message: error.message });
    }
  }
  if (!operations.length) {
    // fragments alone still have to fit the schema
    const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: fragments.map((f) => f.node) };
    for (const error of validate(schema, document)) {
      if (!/is never used/.test(error.message))
        problems.push({ file: fragments[0]?.file ?? '(fragments)', message: error.message });
    }
  }
  return { problems, operations: operations.length };
}
