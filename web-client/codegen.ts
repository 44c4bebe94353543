// graphql-codegen: typed documents for every operation and fragment in src/, generated from the
// committed contract (schema/schema.graphql), never from a running server. Output: src/gql/.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
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
        avoidOptionals: { field: true, inputValue: false, object: false },
        strictScalars: true,
      },
    },
  },
};

export default config;
