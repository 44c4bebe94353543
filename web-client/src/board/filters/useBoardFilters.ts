// The board's filters, kept in the URL (its query, routing's useSearchParams) so that a link shares them
// and a reload keeps them. A choice (assignee, label, due date, clearing them all) is a history entry
// of its own, which Back undoes; typed text goes into the URL 250 ms after the last key, replacing
// the entry, so typing a word is not one entry per letter.
import { useEffect, useEffectEvent, useState } from 'react';
import { flushSync } from 'react-dom';
import { useViewer } from '../../auth/viewer';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { FilteredTasksQueryVariables } from '../../gql/graphql';
import { useSearchParams } from '../../routing';
import {
  activeFilterCount,
  NO_FILTERS,
  readFilters,
  searchVariables,
  writeFilters,
  type BoardFilters,
  type ClearedFilter,
} from './filterParams';

/** What the filters choose from (and check the URL against): the board's members and labels. */
export const BoardFilters_boardFragment = graphql(`
  fragment BoardFilters_board on Board {
    id
    members {
      user {
        id
        name
      }
    }
    labels {
      id
      name
    }
  }
`);

const TEXT_DELAY_MS = 250;

export type FilterChoice = Partial<Omit<BoardFilters, 'text'>>;

export interface BoardFiltersState {
  /** the filters applied: the URL's, each checked against the board */
  filters: BoardFilters;
  /** the text field's value: ahead of filters.text while the user types */
  text: string;
  /** how many filters narrow the board */
  active: number;
  /** the searchTasks variables; null when nothing narrows the board */
  variables: FilteredTasksQueryVariables | null;
  /** filters the URL names that no longer apply (a deleted label, a member who left): ignored */
  cleared: ClearedFilter[];
  setText: (text: string) => void;
  clearText: () => void;
  choose: (choice: FilterChoice) => void;
  clear: () => void;
  /** takes the filters that no longer apply out of the URL */
  dismissCleared: () => void;
}

const NO_BOARD = { members: [], labels: [] };

/** The filters of `board` (undefined while it loads). */
export function useBoardFilters(boardRef: FragmentType<typeof BoardFilters_boardFragment> | undefined) {
  const board = getFragmentData(BoardFilters_boardFragment, boardRef);
  const viewerId = useViewer().data?.me?.id;
  const [params, setParams] = useSearchParams();
  const { filters, cleared } = readFilters(params, {
    memberIds: (board ?? NO_BOARD).members.map((member) => member.user.id),
    labelIds: (board ?? NO_BOARD).labels.map((label) => label.id),
  });

  // Text typed and not yet in the URL, with the URL's text when it was typed: once the URL's text
  // is another (this text, or a change made elsewhere: Back, "Clear filters"), the URL's shows.
  const [draft, setDraft] = useState<{ text: string; from: string } | null>(null);
  if (draft && draft.from !== filters.text) setDraft(null);
  const text = draft?.text ?? filters.text;

  const go = (next: BoardFilters, replace: boolean) => {
    // Rendered at once, not batched with the rest of the event's updates: the next change (a second
    // choice made quickly) starts from this one's URL, not from the one before.
    flushSync(() => setParams(writeFilters(params, next), { replace }));
    const from = filters.text;
    setDraft((d) =>
      next.text === from ? null : d && d.text === next.text && d.from === from ? d : { text: next.text, from },
    );
  };

  const commitText = useEffectEvent(() => {
    if (draft && draft.text !== draft.from) go({ ...filters, text: draft.text }, true);
  });
  useEffect(() => {
    if (!draft || draft.text === draft.from) return;
    const timer = setTimeout(commitText, TEXT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  const state: BoardFiltersState = {
    filters,
    text,
    active: activeFilterCount(filters),
    variables: board ? searchVariables(board.id, filters, viewerId) : null,
    cleared,
    setText: (value) => setDraft({ text: value, from: filters.text }),
    clearText: () => go({ ...filters, text: '' }, true),
    choose: (choice) => go({ ...filters, text, ...choice }, false),
    clear: () => go(NO_FILTERS, false),
    dismissCleared: () => go({ ...filters, text }, true),
  };
  return state;
}
