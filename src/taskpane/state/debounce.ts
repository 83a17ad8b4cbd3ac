/** Calls `fn` once, `ms` after the last of a burst of calls; `cancel` drops a pending call. */
export function debounce(fn: () => void, ms: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
  run.cancel = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return run;
}

export const RECHECK_DELAY_MS = 800;
