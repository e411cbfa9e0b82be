import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/**
 * The baseline of `npm run bench`: Temporal itself, with nothing of thidua. One workflow per bloc-year receives as
 * many updates, in the same groups and with the same concurrency, as the API sends to a cycle and its children; each
 * update keeps a line of state and answers with the count, and the one marked last completes the workflow.
 */
export interface RawStep {
  kind: string;
  last?: boolean;
}

export const rawStepUpdate = defineUpdate<number, [RawStep]>('rawStep');

export async function rawYearWorkflow(): Promise<number> {
  const steps: string[] = [];
  let done = false;
  setHandler(
    rawStepUpdate,
    (step) => {
      steps.push(step.kind);
      if (step.last) done = true;
      return steps.length;
    },
    {
      validator: (step: RawStep) => {
        if (done) throw new Error('the year is over');
        if (typeof step.kind !== 'string') throw new Error('a step has a kind');
      },
    },
  );
  await condition(() => done);
  return steps.length;
}
