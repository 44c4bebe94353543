// A periodic background task (housekeeping) that never overlaps itself, never keeps the process
// alive, and reports its failures instead of throwing them.

/**
 * Runs `task` every `intervalMs`, the first time after a random part of that interval, so that
 * replicas started together do not all run it at once. Returns a function that stops it.
 */
export function every(intervalMs: number, task: () => Promise<void>, onError: (error: unknown) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      task()
        .catch(onError)
        .finally(() => schedule(intervalMs));
    }, delay);
    timer.unref();
  };
  schedule(Math.floor(Math.random() * intervalMs));
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
