import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

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

/** What the activity variant's updates await: nothing but the round trip through an activity task. */
export interface RawActivities {
  rawWork(step: RawStep): Promise<void>;
}

const { rawWork } = proxyActivities<RawActivities>({ startToCloseTimeout: '1 minute' });

export function rawYearWorkflow(): Promise<number> {
  return rawYear();
}

/**
 * The variant issue 17's target names: each update awaits one (regular) activity before it answers, as a workflow whose
 * steps write through an activity would. The bench counts its Temporal work beside thidua's; it is not timed.
 */
export function rawYearActivityWorkflow(): Promise<number> {
  return rawYear(rawWork);
}

async function rawYear(work?: (step: RawStep) => Promise<void>): Promise<number> {
  const steps: string[] = [];
  let done = false;
  setHandler(
    rawStepUpdate,
    async (step) => {
      if (work) await work(step);
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
