// Tells Apollo Client that the generated types are masked the client preset's way (fragment refs),
// so that Unmasked<TData> (optimistic responses, cache reads and writes, mocked results) is the full
// shape while hooks return the masked one that components open with getFragmentData.
import type { GraphQLCodegenDataMasking } from '@apollo/client/masking';

declare module '@apollo/client' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging is the point
  export interface TypeOverrides extends GraphQLCodegenDataMasking.TypeOverrides {}
}
