// The "Load more" button's state for a paginated list: busy while the next page loads, and the
// error if it fails (the pages already shown stay).
import { useState } from 'react';

export function useLoadMore(fetchPage: (after: string) => Promise<unknown>) {
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<unknown>(null);

  const loadMore = async (after: string) => {
    setLoadingMore(true);
    setLoadMoreError(null);
    try {
      await fetchPage(after);
    } catch (error) {
      setLoadMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  return { loadMore, loadingMore, loadMoreError };
}
