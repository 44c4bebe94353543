// The filter bar above the board's columns: text, assignee, label and due date, combined; the
// columns then show only their matching cards (useFilteredTasks, Column's `filtered`). Says how many
// tasks match (when none do, what to try instead), loads more matches past the first 100, offers to
// search again when tasks changed and more pages are loaded, and says when a filter from a link no
// longer applies. On a narrow screen the choices fold behind a "Filters" button; the text field
// stays in view.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { ErrorMessage, Loading } from '../../components/QueryState';
import { getFragmentData, type FragmentType } from '../../gql';
import type { DueFilter } from './dueRanges';
import { hasWords, MAX_TEXT_LENGTH, ME, UNASSIGNED, type ClearedFilter } from './filterParams';
import { BoardFilters_boardFragment, type BoardFiltersState } from './useBoardFilters';
import type { FilteredTasks } from './useFilteredTasks';

const CLEARED_REASONS: Record<ClearedFilter, string> = {
  assignee: 'the member it named is no longer on this board',
  label: 'the label it named no longer exists',
  due: 'its due date choice is not one this board knows',
};

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

function summary(matches: FilteredTasks, active: number): string {
  const data = matches.data;
  if (!data) return '';
  const filters = plural(active, 'filter');
  if (data.totalCount === 0) return `No tasks match (${filters}).`;
  if (matches.hasMore)
    return `Showing ${data.edges.length} of ${plural(data.totalCount, 'matching task')} (${filters}).`;
  return `${plural(data.totalCount, 'matching task')} (${filters}).`;
}

/** What to try when nothing matches: other words, other choices, or fewer of either. */
function noMatchesHint(words: boolean, choices: number): string {
  if (words && choices > 0) return 'Try other words, or clear a filter.';
  return words ? 'Try other or fewer words.' : 'Try other filters, or fewer of them.';
}

export function BoardFilters({
  board: boardRef,
  filters: state,
  matches,
}: {
  board: FragmentType<typeof BoardFilters_boardFragment>;
  filters: BoardFiltersState;
  matches: FilteredTasks;
}) {
  const board = getFragmentData(BoardFilters_boardFragment, boardRef);
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // on a narrow screen: whether the choices are shown (they always are on a wide one)
  const [open, setOpen] = useState(false);
  const { filters, text, active } = state;
  const choices = active - (hasWords(filters.text) ? 1 : 0);
  const filtering = state.variables !== null;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Escape' || text === '') return;
    event.preventDefault();
    state.clearText();
  };

  const clearAll = () => {
    state.clear();
    // the button goes with the filters: focus stays in the bar
    input.current?.focus();
  };

  return (
    <section className="board-filters" aria-label="Filters">
      <form role="search" className="board-filters-bar" onSubmit={(event) => event.preventDefault()}>
        <div className="board-filters-text">
          <label htmlFor={`${id}-text`} className="visually-hidden">
            Filter tasks
          </label>
          <input
            ref={input}
            id={`${id}-text`}
            type="search"
            placeholder="Filter tasks…"
            autoComplete="off"
            value={text}
            maxLength={MAX_TEXT_LENGTH}
            data-shortcut="filter"
            onChange={(event) => state.setText(event.target.value)}
            onKeyDown={onKeyDown}
          />
        </div>
        <button
          type="button"
          className="button-secondary board-filters-toggle"
          aria-expanded={open}
          aria-controls={`${id}-choices`}
          onClick={() => setOpen(!open)}
        >
          Filters
          {choices > 0 && (
            <>
              {' '}
              <span className="filter-badge" aria-hidden="true">
                {choices}
              </span>
              <span className="visually-hidden">({choices} chosen)</span>
            </>
          )}
        </button>
        <div id={`${id}-choices`} className={open ? 'board-filters-choices is-open' : 'board-filters-choices'}>
          <div className="filter-field">
            <label htmlFor={`${id}-assignee`}>Assignee</label>
            <select
              id={`${id}-assignee`}
              value={filters.assignee ?? ''}
              onChange={(event) => state.choose({ assignee: event.target.value || null })}
            >
              <option value="">Anyone</option>
              <option value={ME}>Me</option>
              <option value={UNASSIGNED}>Unassigned</option>
              {board.members.map((member) => (
                <option key={member.user.id} value={member.user.id}>
                  {member.user.name}
                </option>
              ))}
            </select>
          </div>
          <div className="filter-field">
            <label htmlFor={`${id}-label`}>Label</label>
            <select
              id={`${id}-label`}
              value={filters.label ?? ''}
              onChange={(event) => state.choose({ label: event.target.value || null })}
            >
              <option value="">Any label</option>
              {board.labels.map((label) => (
                <option key={label.id} value={label.id}>
                  {label.name}
                </option>
              ))}
            </select>
          </div>
          <div className="filter-field">
            <label htmlFor={`${id}-due`}>Due</label>
            <select
              id={`${id}-due`}
              value={filters.due ?? ''}
              onChange={(event) => state.choose({ due: (event.target.value || null) as DueFilter | null })}
            >
              <option value="">Any time</option>
              <option value="overdue">Overdue</option>
              <option value="week">This week</option>
            </select>
          </div>
        </div>
        {(active > 0 || text !== '') && (
          <button type="button" className="button-link board-filters-clear" onClick={clearAll}>
            Clear filters
          </button>
        )}
      </form>

      {state.cleared.length > 0 && (
        <div className="notice board-filters-note" role="status">
          <p>
            A filter in this link no longer applies, and was cleared:{' '}
            {state.cleared.map((filter) => CLEARED_REASONS[filter]).join('; ')}.
          </p>
          <button type="button" className="button-link" onClick={state.dismissCleared}>
            Dismiss
          </button>
        </div>
      )}

      <div className="board-filters-status">
        {/* always there, so that screen readers hear each new count */}
        <p className="board-filters-summary" aria-live="polite">
          {filtering
            ? summary(matches, active)
            : text.trim() !== '' && !hasWords(text) && 'Type a letter or a number to filter by text.'}
        </p>
        {filtering && matches.loading && <Loading label="Loading matching tasks…" />}
        {filtering && matches.hasMore && (
          <button
            type="button"
            className="button-secondary button-small"
            onClick={matches.loadMore}
            disabled={matches.loadingMore}
            aria-busy={matches.loadingMore}
          >
            Load more matches
          </button>
        )}
        {filtering && matches.data && (
          <p className="board-filters-hint">
            {matches.data.totalCount === 0
              ? noMatchesHint(hasWords(filters.text), choices)
              : 'Clear filters to drag cards.'}
          </p>
        )}
      </div>
      {filtering && matches.error !== undefined && (
        <ErrorMessage
          error={matches.error}
          fallback={matches.data ? 'The matches could not be brought up to date.' : 'The tasks could not be filtered.'}
          onRetry={matches.retry}
        />
      )}
      {filtering && matches.loadMoreError !== null && (
        <ErrorMessage
          error={matches.loadMoreError}
          fallback="More matches could not be loaded."
          onRetry={matches.loadMore}
        />
      )}
      {filtering && matches.askToRefresh && (
        <div className="search-stale">
          <p>Tasks have changed since these matches were found.</p>
          <button
            type="button"
            className="button-secondary"
            onClick={matches.refresh}
            disabled={matches.refreshing}
            aria-busy={matches.refreshing}
          >
            Search again
          </button>
        </div>
      )}
    </section>
  );
}
