/**
 * The worker's memory-bound Temporal settings, from the environment. Set explicitly because the SDK derives its
 * default cache size from the V8 heap limit (about 600 runs per GiB), so a heap flag would silently change it.
 */
export interface WorkerTuning {
  /** Workflow runs kept in memory between their tasks (WORKER_MAX_CACHED_WORKFLOWS); an evicted run is replayed. */
  maxCachedWorkflows: number;
  /** Workflow tasks run at once (WORKER_MAX_CONCURRENT_WORKFLOW_TASKS); at most maxCachedWorkflows. */
  maxConcurrentWorkflowTaskExecutions: number;
}

export const WORKER_TUNING_DEFAULTS: WorkerTuning = {
  maxCachedWorkflows: 2000,
  maxConcurrentWorkflowTaskExecutions: 40,
};

type Env = Record<string, string | undefined>;

export function loadWorkerTuning(env: Env, problems: string[]): WorkerTuning {
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer ${min}-${max}, got "${text}"`);
      return fallback;
    }
    return value;
  };
  const maxCachedWorkflows = int('WORKER_MAX_CACHED_WORKFLOWS', WORKER_TUNING_DEFAULTS.maxCachedWorkflows, 2, 100_000);
  const maxConcurrentWorkflowTaskExecutions = int(
    'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
    WORKER_TUNING_DEFAULTS.maxConcurrentWorkflowTaskExecutions,
    2,
    1000,
  );
  if (maxConcurrentWorkflowTaskExecutions > maxCachedWorkflows)
    problems.push('WORKER_MAX_CONCURRENT_WORKFLOW_TASKS must not exceed WORKER_MAX_CACHED_WORKFLOWS');
  return { maxCachedWorkflows, maxConcurrentWorkflowTaskExecutions };
}
