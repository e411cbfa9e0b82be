import { createLogger, logLevel, PinoNestLogger } from '../../src/api/observability/logging';
import { PinoTemporalLogger } from '../../src/worker/logger';

function capture() {
  const chunks: string[] = [];
  const logger = createLogger({ level: 'trace', destination: { write: (s: string) => void chunks.push(s) } });
  const lines = () => chunks.map((c) => JSON.parse(c) as Record<string, unknown>);
  return { logger, lines };
}

describe('JSON logging', () => {
  it('given a log call passing secrets by mistake, should censor them (top level and one level down)', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: 'mật-khẩu',
        refreshToken: 'r-token',
        req: { headers: { authorization: 'Bearer a-token', cookie: 'sid=1' } },
        dto: { choices: { CO: ['U1'] }, receiptSecret: 's', tellerPrivateKey: 'k' },
        taskToken: 'tt',
      },
      'oops',
    );
    const text = JSON.stringify(lines());
    for (const secret of ['mật-khẩu', 'r-token', 'a-token', 'sid=1', 'U1', '"s"', '"k"', '"tt"'])
      expect(text).not.toContain(secret);
    expect(lines()[0]).toMatchObject({ level: 'info', msg: 'oops', password: '[redacted]', dto: { choices: '[redacted]' } });
  });

  it("given Nest's logger calls, should write JSON lines with the context and the error's stack", () => {
    const { logger, lines } = capture();
    const nest = new PinoNestLogger(logger);
    nest.log('Mapped {/v1/cycles, GET} route', 'RouterExplorer');
    nest.error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'info', context: 'RouterExplorer', msg: 'Mapped {/v1/cycles, GET} route' }),
      expect.objectContaining({ level: 'error', context: 'ExceptionsHandler', stack: 'Error: boom\n    at x', msg: 'boom' }),
    ]);
  });

  it("given the Temporal SDK's log calls, should keep its attributes as fields and an error as err", () => {
    const { logger, lines } = capture();
    const temporal = new PinoTemporalLogger(logger);
    temporal.warn('Activity failed', { workflowId: 'cycle.X', runId: 'r1', error: new Error('db down'), [Symbol('ts')]: 1n });
    temporal.log('DEBUG', 'Workflow started', { sdkComponent: 'worker' });
    expect(lines()[0]).toMatchObject({
      level: 'warn',
      msg: 'Activity failed',
      workflowId: 'cycle.X',
      runId: 'r1',
      err: { message: 'db down' },
    });
    expect(lines()[1]).toMatchObject({ level: 'debug', sdkComponent: 'worker' });
  });

  it('given LOG_LEVEL, should accept the pino levels and refuse anything else', () => {
    expect(logLevel({})).toBe('info');
    expect(logLevel({ LOG_LEVEL: 'DEBUG' })).toBe('debug');
    expect(() => logLevel({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL must be one of/);
  });
});
