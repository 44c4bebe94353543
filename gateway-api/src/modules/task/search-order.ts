// How searchTasks orders what it finds (registered as a GraphQL enum in task.input.ts).
export enum SearchOrder {
  RELEVANCE = 'RELEVANCE',
  BOARD = 'BOARD',
}
