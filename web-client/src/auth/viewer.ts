// Who is signed in: the hook behind the route guard, the header and "is this comment mine?".
import { useQuery } from '@apollo/client/react';
import { ViewerQuery } from '../apollo/viewer';

export function useViewer() {
  return useQuery(ViewerQuery);
}
