// Who is signed in: the query behind the route guard, the header and "is this comment mine?".
import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

export const ViewerQuery = graphql(`
  query Viewer {
    me {
      id
      name
      email
    }
  }
`);

export function useViewer() {
  return useQuery(ViewerQuery);
}
