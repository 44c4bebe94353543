// Placeholder ids for items that exist only in an optimistic response. The UI shows such items but
// offers no link or action on them until the server's answer replaces them with real ids.
let counter = 0;
const PREFIX = 'optimistic-';

export const optimisticId = (): string => `${PREFIX}${++counter}`;

export const isOptimisticId = (id: string): boolean => id.startsWith(PREFIX);

export const nowIso = (): string => new Date().toISOString();
