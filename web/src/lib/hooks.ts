import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';

const asApiError = (err: unknown): ApiError =>
  err instanceof ApiError ? err : new ApiError(0, 'CLIENT', 'Đã xảy ra lỗi không xác định trên trình duyệt. Vui lòng thử lại.');

export interface Resource<T> {
  data?: T;
  error?: ApiError;
  /** True while the first answer (or a reload after a change of inputs) is awaited. */
  loading: boolean;
  /** When the data shown was received (ISO instant). */
  loadedAt?: string;
  reload: () => Promise<void>;
}

/**
 * Loads data and, with `pollMs`, refreshes it while the tab is visible: other people's steps (a vote, a phase
 * change) appear without a reload. A refresh keeps the data shown; forms keep their own state.
 */
export function useResource<T>(load: () => Promise<T>, deps: unknown[], pollMs?: number): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean; loadedAt?: string }>({ loading: true });
  const loader = useRef(load);
  loader.current = load;
  const inFlight = useRef(false);
  const generation = useRef(0);

  const run = useCallback(async (quiet: boolean) => {
    if (quiet && inFlight.current) return;
    const mine = ++generation.current;
    inFlight.current = true;
    if (!quiet) setState((s) => ({ ...s, loading: true }));
    try {
      const data = await loader.current();
      if (mine === generation.current) setState({ data, loading: false, loadedAt: new Date().toISOString() });
    } catch (err) {
      if (mine === generation.current) setState((s) => ({ ...s, error: asApiError(err), loading: false }));
    } finally {
      if (mine === generation.current) inFlight.current = false;
    }
  }, []);

  useEffect(() => {
    setState({ loading: true });
    void run(false);
    if (!pollMs) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void run(true);
    }, pollMs);
    return () => clearInterval(timer);
  }, deps);

  return { ...state, reload: () => run(true) };
}

/** The shortest time between two loads of a followed resource. */
const FOLLOW_MIN_MS = 1000;

/**
 * Loads data and then follows it: each next load is given the data shown and may wait on the server until that data
 * changes (a long poll), so other people's steps appear as they happen, with one request per change rather than one
 * every few seconds. Paused while the tab is hidden; after an error it tries again after `retryMs`. `reload()` loads at
 * once without waiting (given nothing) and wins over a load in flight.
 */
export function useFollowed<T>(load: (shown?: T) => Promise<T>, deps: unknown[], retryMs = 4000): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean; loadedAt?: string }>({ loading: true });
  const loader = useRef(load);
  loader.current = load;
  const shown = useRef<T | undefined>(undefined);
  const generation = useRef(0);
  const wake = useRef<(() => void) | undefined>(undefined);

  const apply = (data: T) => {
    shown.current = data;
    setState({ data, loading: false, loadedAt: new Date().toISOString() });
  };
  const fail = (err: unknown) => setState((s) => ({ ...s, error: asApiError(err), loading: false }));

  useEffect(() => {
    let stopped = false;
    shown.current = undefined;
    setState({ loading: true });
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake.current = undefined;
          resolve();
        }
        wake.current = done;
      });
    void (async () => {
      while (!stopped) {
        while (!stopped && document.visibilityState !== 'visible') await pause(1000);
        const mine = generation.current;
        const started = Date.now();
        try {
          const data = await loader.current(shown.current);
          if (!stopped && mine === generation.current) apply(data);
          // At most one load a second, whatever the server does (a server that answers at once never spins this loop).
          if (!stopped) await pause(started + FOLLOW_MIN_MS - Date.now());
        } catch (err) {
          if (stopped) return;
          if (mine === generation.current) fail(err);
          await pause(retryMs);
        }
      }
    })();
    return () => {
      stopped = true;
      generation.current++;
      wake.current?.();
    };
  }, deps);

  const reload = async () => {
    const mine = ++generation.current;
    wake.current?.();
    try {
      const data = await loader.current(undefined);
      if (mine === generation.current) apply(data);
    } catch (err) {
      if (mine === generation.current) fail(err);
    }
  };
  return { ...state, reload };
}

export interface Action<A extends unknown[]> {
  busy: boolean;
  error?: ApiError;
  /** The last success, announced to screen readers. */
  done?: string;
  run: (...args: A) => Promise<boolean>;
  reset: () => void;
}

/**
 * One user action: busy while it runs (the button shows progress and cannot be pressed twice), the server's
 * Vietnamese message on refusal, a success message after. `perform` gets the arguments of `run`.
 */
export function useAction<A extends unknown[]>(
  perform: (...args: A) => Promise<unknown>,
  options: { success?: string; after?: () => unknown } = {},
): Action<A> {
  const [state, setState] = useState<{ busy: boolean; error?: ApiError; done?: string }>({ busy: false });
  const current = useRef({ perform, options });
  current.current = { perform, options };
  const run = useCallback(async (...args: A) => {
    setState({ busy: true });
    try {
      await current.current.perform(...args);
      setState({ busy: false, done: current.current.options.success });
      await current.current.options.after?.();
      return true;
    } catch (err) {
      setState({ busy: false, error: asApiError(err) });
      return false;
    }
  }, []);
  return { ...state, run, reset: () => setState({ busy: false }) };
}

export { asApiError };
