// The reference for the web client's initial JavaScript: the smallest real React 19 + Apollo
// Client 4 app (a client with its normalised cache, a provider, one query rendered), built by
// `npm run bench:web` with the web client's own Vite config.
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider, useQuery } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const client = new ApolloClient({ link: new HttpLink({ uri: '/graphql' }), cache: new InMemoryCache() });

const ME = gql`
  query Me {
    me {
      id
      name
    }
  }
`;

function Me() {
  const { data, loading, error } = useQuery<{ me: { id: string; name: string } | null }>(ME);
  if (loading) return <p>Loading…</p>;
  if (error) return <p role="alert">{error.message}</p>;
  return <p>{data?.me ? `Signed in as ${data.me.name}` : 'Not signed in'}</p>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <Me />
    </ApolloProvider>
  </StrictMode>,
);
