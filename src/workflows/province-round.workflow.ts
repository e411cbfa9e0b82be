import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  patched,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { acceptedRoundStep, applyRoundEvent, decideRoundStep, startRound } from '../domain/round/machine';
import { itemsChangedBy, type RoundEvent } from '../domain/round/events';
import type { RoundCommands, RoundContext, RoundInput, RoundStepName, RoundView } from '../domain/round/types';
import { vietnamDate } from '../domain/working-days';
import type { CommandSeal } from '../shared/command-seal';
import { Role } from '../shared/actors';
import { roundMovedSignal } from '../shared/messages';
import { cycleHandedOverSignal, roundStateQuery, roundUpdates, type RoundStepAnswer } from '../shared/round-messages';
import { PHASE_SA } from '../shared/search-attributes';
import type { ProjectedRoundEvent } from '../activities/round-projection';
import { projection, roundReads } from './activities';
import { clone, refuse } from './refusal';
import { requireSealedStart } from './sealed';
import { scopedUpdates } from './updates';
import { setHandler } from '@temporalio/workflow';

export type RoundWorkflowInput = RoundInput & { seal?: CommandSeal };

/** The round itself, taking the nominees a cycle handed over. */
const SYSTEM = { userId: 'system', role: Role.ADMIN };

/** The events after which a bloc's cycle hears about its nominees. */
const OUTCOME_EVENTS: readonly RoundEvent['type'][] = ['LIST_APPROVED', 'VOTES_RECORDED', 'ROUND_DECIDED', 'CENTRALLY_DECIDED'];

function touchedItems(events: RoundEvent[]): string[] {
  const ids: string[] = [];
  for (const e of events) {
    if (e.type === 'LIST_APPROVED') ids.push(...e.outcomes.map((o) => o.itemId));
    if (e.type === 'VOTES_RECORDED') ids.push(...e.votes.map((v) => v.itemId));
    if (e.type === 'ROUND_DECIDED' || e.type === 'CENTRALLY_DECIDED') ids.push(...e.items.map((i) => i.itemId));
  }
  return ids;
}

/**
 * The province's award round (issue 15): one workflow per province, year and round (`round:<province>:<year>:<n>`),
 * gathering the nominees the blocs' cycles hand over and the board's direct proposals, through the board's
 * appraisal, the council's sessions, the chairman's decisions and the submission upward. A thin shell around the
 * pure machine (src/domain/round): each human step is an update whose validator asks the machine; an accepted step's
 * events are applied and projected in one activity (one per step, not per item), and each bloc's cycle is told the
 * outcomes of its nominees by a signal.
 */
export async function provinceRoundWorkflow(sealedInput: RoundWorkflowInput): Promise<RoundView> {
  // A step ships only the items it changed and answers its version, not the whole view (a round of a thousand items
  // wrote a megabyte per step into its history). Runs started before keep projecting the whole view.
  const deltaProjection = patched('round-projection-delta');
  const input = requireSealedStart(sealedInput, sealedInput.openedBy);
  const machine = startRound(input, new Date().toISOString());
  const state = machine.view;
  const onUpdate = scopedUpdates(input.provinceCode);
  const ctx = (): RoundContext => ({ now: Date.now(), today: vietnamDate(new Date()) });

  const notifyCycles = async (events: RoundEvent[]): Promise<void> => {
    if (!events.some((e) => OUTCOME_EVENTS.includes(e.type))) return;
    const ids = new Set(touchedItems(events));
    const cycles = new Set<string>();
    for (const item of state.items) if (ids.has(item.id) && item.source === 'BLOC' && item.cycleId) cycles.add(item.cycleId);
    for (const cycleId of cycles) {
      try {
        await getExternalWorkflowHandle(cycleId).signal(roundMovedSignal, { roundId: state.roundId });
      } catch {
        // A cycle that no longer runs keeps the outcome in the round and in the nominations rows.
      }
    }
  };

  /**
   * Each item's version when a step last changed it; a projection ships every item changed since the last projection
   * this workflow saw complete, so one that overtakes an earlier one (two steps in flight) carries its items too.
   */
  const touchedAt = new Map<string, number>();
  let projectedUpTo = 0;
  const projectDelta = async (events: RoundEvent[], projected: ProjectedRoundEvent[]): Promise<void> => {
    const version = state.version;
    for (const e of events) for (const id of itemsChangedBy(e)) touchedAt.set(id, version);
    const items = state.items.filter((i) => (touchedAt.get(i.id) ?? 0) > projectedUpTo);
    const { items: _all, ...head } = state;
    await projection.projectRoundDelta({ head: clone(head), items: clone(items), events: projected });
    projectedUpTo = Math.max(projectedUpTo, version);
    for (const [id, v] of touchedAt) if (v <= projectedUpTo) touchedAt.delete(id);
  };

  const run = async (events: RoundEvent[]): Promise<void> => {
    const projected = events.map((event) => {
      applyRoundEvent(machine, event);
      return {
        id: `${workflowInfo().workflowId}:${state.version}`,
        type: event.type,
        at: event.at,
        actor: event.actor,
        data: event.data,
      };
    });
    if (deltaProjection) await projectDelta(events, projected);
    else await projection.projectRound({ state: clone(state), events: projected });
    await notifyCycles(events);
  };

  const decided = <K extends RoundStepName>(name: K, cmd: RoundCommands[K], validating: boolean): RoundEvent[] => {
    const decision = validating ? decideRoundStep(machine, name, cmd, ctx()) : acceptedRoundStep(machine, name, cmd, ctx());
    if (!decision.ok) refuse(decision.code, decision.detail);
    return decision.events;
  };

  const step = <K extends RoundStepName>(def: UpdateDefinition<RoundView | RoundStepAnswer, [RoundCommands[K]]>, name: K) =>
    onUpdate(
      def,
      async (cmd: RoundCommands[K]): Promise<RoundView | RoundStepAnswer> => {
        await run(decided(name, cmd, false));
        return deltaProjection ? { roundId: state.roundId, version: state.version } : state;
      },
      { validator: (cmd: RoundCommands[K]) => void decided(name, cmd, true) },
    );

  setHandler(roundStateQuery, () => state);

  // A cycle handed its nominees over: the round reads them from the cycle's projection, and only if it names this round.
  const handedOver: string[] = [];
  setHandler(cycleHandedOverSignal, ({ cycleId }) => {
    if (typeof cycleId === 'string' && !handedOver.includes(cycleId)) handedOver.push(cycleId);
  });
  const gatherHandedOver = async (): Promise<void> => {
    for (let next = 0; ; next += 1) {
      await condition(() => handedOver.length > next && allHandlersFinished());
      if (state.status !== 'OPEN') return;
      const items = await roundReads.cycleItemsForRound({ roundId: state.roundId, cycleId: handedOver[next] });
      if (items.length === 0) continue;
      const decision = decideRoundStep(machine, 'addItems', { actor: SYSTEM, items }, ctx());
      // A refusal (the items are already here, another province) leaves the round as it is.
      if (decision.ok) await run(decision.events);
    }
  };
  for (const name of Object.keys(roundUpdates) as RoundStepName[]) {
    step(roundUpdates[name] as UpdateDefinition<RoundView | RoundStepAnswer, [RoundCommands[typeof name]]>, name);
  }

  await projection.projectRound({
    state: clone(state),
    events: [
      {
        id: `${workflowInfo().workflowId}:0`,
        type: 'ROUND_OPENED',
        at: state.openedAt,
        actor: input.openedBy,
        data: { year: state.year, n: state.n, targets: state.targets },
      },
    ],
  });

  void gatherHandedOver();

  await condition(() => state.status === 'CLOSED');
  await condition(allHandlersFinished);
  upsertSearchAttributes([{ key: PHASE_SA, value: 'COMPLETED' }]);
  return state;
}
