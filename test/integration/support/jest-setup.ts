import { DefaultLogger, Runtime } from '@temporalio/worker';

// Integration tests talk to real servers and run whole cycles; worker INFO logs would drown the report.
jest.setTimeout(240_000);
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed by an earlier file in this process.
}
