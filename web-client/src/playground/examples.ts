// The playground's starting tabs: the app's own kinds of operation, kept as .graphql files so that
// `npm run check:schema` validates them against the contract like every other client document.
import boardView from './examples/BoardView.graphql?raw';
import boards from './examples/Boards.graphql?raw';
import createTask from './examples/CreateTask.graphql?raw';
import me from './examples/Me.graphql?raw';
import moveTask from './examples/MoveTask.graphql?raw';
import searchTasks from './examples/SearchTasks.graphql?raw';

export interface ExampleTab {
  query: string;
  variables?: string;
}

// Ids are placeholders: run Boards (and BoardView for its columns' ids) first and paste real ones. Me
// comes first because it needs none.
const json = (value: unknown) => JSON.stringify(value, null, 2);

export const EXAMPLE_TABS: ExampleTab[] = [
  { query: me },
  { query: boards, variables: json({ first: 20 }) },
  { query: boardView, variables: json({ boardId: '1', perColumn: 20 }) },
  { query: searchTasks, variables: json({ boardId: '1', query: 'design', columnId: '1' }) },
  {
    query: createTask,
    variables: json({ input: { boardId: '1', columnId: '1', title: 'Try the playground' } }),
  },
  { query: moveTask, variables: json({ input: { id: '1', columnId: '2', index: 0, expectedVersion: 1 } }) },
];
