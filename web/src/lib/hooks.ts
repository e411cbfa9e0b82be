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
