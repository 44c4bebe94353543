// Who is signed in, as the cache holds it: read by the route guard, the header and "is this comment
// mine?" (auth/viewer.ts), written by sign-in, sign-up and sign-out and when the session ends (client.ts).
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
