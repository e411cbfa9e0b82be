// First import of the API's entry point: the instrumentations must patch http and pg before anything requires them.
import { startTracing } from './observability/tracing';

startTracing('thidua-api');
