// First import of the worker's entry point: the pg instrumentation must patch pg before the data source requires it.
import { startTracing } from '../api/observability/tracing';

startTracing('thidua-worker');
