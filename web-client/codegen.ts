// graphql-codegen: typed documents for every operation and fragment in src/, generated from the
// committed contract (schema/schema.graphql), never from a running server. Output: src/gql/.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { Kind, visit, type DocumentNode, type SelectionSetNode } from 'graphql';

/**
 * __typename in every selection set but an operation's own, as Apollo Client adds it before sending:
 * the API runs a trusted document's text as generated (the app sends only its hash), and the cache
 * needs each object's type. (The client preset's addTypenameSelectionDocumentTransform also adds it
 * to a query's root, which would change every operation's type.)
 */
const addTypenameAsApolloClientDoes = {
  transform: <T extends { document?: DocumentNode }>({ documents }: { documents: T[] }): T[] =>
    documents.map((source) => ({
      ...source,
      document:
        source.document &&
        visit(source.document, {
          SelectionSet(node: SelectionSetNode, _key, parent) {
            if (parent && 'kind' in parent && parent.kind === Kind.OPERATION_DEFINITION) return undefined;
            if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')) return undefined;
            return {
              ...node,
              selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }, ...node.selections],
            };
          },
        }),
    })),
};

const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  // src/playground/ is included on purpose: its example operations must fit the contract too.
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*', '!src/**/*.test.{ts,tsx}'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      documentTransforms: [addTypenameAsApolloClientDoes],
      presetConfig: {
        fragmentMasking: { unmaskFunctionName: 'getFragmentData' },
        // each document's SHA-256 in the document (__meta__.hash), which the app sends instead of the
        // text, and persisted-documents.json, every document by its hash: what the API trusts from the
        // web client (schema/trusted-documents.json, scripts/trusted-documents.mjs)
        persistedDocuments: { mode: 'embedHashInDocument', hashPropertyName: 'hash', hashAlgorithm: 'sha256' },
      },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTimeISO: 'string', ID: 'string' },
        skipTypename: false,
        // Apollo Client adds __typename to every selection set except the root, so the types say so:
        // mocked responses and optimistic responses then have to carry it, as the cache needs it.
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
        avoidOptionals: { field: true, inputValue: false, object: false },
        strictScalars: true,
      },
    },
  },
};

export default config;
