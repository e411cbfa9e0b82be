import { waitVi } from '../../src/api/auth/auth.service';
import { mapError } from '../../src/api/common/error.filter';
import { ErrorCode } from '../../src/shared/errors';

describe('mapError for outages', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
    ['an administrator shutdown (57P01)', Object.assign(new Error('terminating connection'), { code: '57P01' })],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a QueryFailedError whose driver error is a lost connection', { message: 'query failed', driverError: { code: '08006' } }],
  ])('given %s, should answer SERVICE_UNAVAILABLE with a retry time', (_, error) => {
    expect(mapError(error)).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds: 5 });
  });

  it('given Temporal unreachable (gRPC UNAVAILABLE), should answer SERVICE_UNAVAILABLE naming Temporal', () => {
    const grpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: 14,
      details: 'No connection established',
      metadata: {},
    });
    expect(mapError(grpc)).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE, detail: expect.stringContaining('Temporal') });
  });

  it('given a query with no worker polling (gRPC FAILED_PRECONDITION "no poller seen"), should answer SERVICE_UNAVAILABLE, not WRONG_PHASE', () => {
    const details = 'no poller seen for task queue recently, worker may be down';
    const grpc = Object.assign(new Error(`9 FAILED_PRECONDITION: ${details}`), { code: 9, details, metadata: {} });
    expect(mapError(grpc)).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds: 5 });
    const completed = Object.assign(new Error('9 FAILED_PRECONDITION: workflow execution already completed'), {
      code: 9,
      details: 'workflow execution already completed',
      metadata: {},
    });
    expect(mapError(completed).code).toBe(ErrorCode.WRONG_PHASE);
  });

  it.each([
    ['refused while the task is failing (as measured under load)', 'Workflow Task in failed state.'],
    ['aborted by a task failure', 'Unable to perform workflow execution update due to unexpected workflow task failure.'],
  ])(
    'given an update %s (gRPC FAILED_PRECONDITION), should answer a retryable SERVICE_UNAVAILABLE, not WRONG_PHASE',
    (_, details) => {
      const grpc = Object.assign(new Error(`9 FAILED_PRECONDITION: ${details}`), { code: 9, details, metadata: {} });
      expect(mapError(grpc)).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds: 2 });
    },
  );

  it('given a constraint violation, should stay an internal error (a bug, not an outage)', () => {
    expect(mapError(Object.assign(new Error('duplicate key'), { code: '23505' })).code).toBe(ErrorCode.INTERNAL_ERROR);
  });
});

describe('waitVi', () => {
  it.each([
    [0.2, '1 giây'],
    [45, '45 giây'],
    [60, '1 phút'],
    [150, '2 phút 30 giây'],
  ])('given %s s, should say %s', (seconds, text) => {
    expect(waitVi(seconds)).toBe(text);
  });
});
