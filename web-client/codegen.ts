// graphql-codegen: typed documents for every operation and fragment in src/, generated from the
// committed contract (schema/schema.graphql), never from a running server. Output: src/gql/.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  // src/playground/ is included on purpose: its example operations must fit the contract too.
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*', '!src/**/*.test.{ts,tsx}'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: { unmaskFunctionName: 'getFragmentData' } },
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
