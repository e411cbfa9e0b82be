import fc from 'fast-check';
import { acceptedRoundStep, applyRoundEvent, decideRoundStep } from '../../../src/domain/round/machine';
import type { RoundCommands, RoundMachine, RoundStepName } from '../../../src/domain/round/types';
import { NomineeStatus } from '../../../src/shared/cycle-types';
import { AWARD_TYPES } from '../../../src/shared/rules';
import { appraisedRound, boardHead, chairman, ctx, MEMBERS, memberIds, secretary } from './builder';

type AnyStep = { [K in RoundStepName]: { name: K; cmd: RoundCommands[K] } }[RoundStepName];

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Random steps of the council and the chairman over the appraised round's items, many of them refusable. */
function stepArb(itemIds: string[]): fc.Arbitrary<AnyStep> {
  const item = fc.constantFrom(...itemIds);
  const day = fc.integer({ min: 20, max: 31 }).map((d) => `2025-12-${d}`);
  const session = fc.constantFrom('S1', 'S2', 'S3', 'S4');
  return fc.oneof(
    fc
      .record({ day, present: fc.integer({ min: 5, max: 10 }), written: fc.boolean() })
      .map(({ day: sessionDate, present, written }): AnyStep => ({
        name: 'openSession',
        cmd: {
          actor: boardHead(),
          sessionDate,
          members: MEMBERS,
          present: memberIds(present),
          writtenVotes: written && present < 10 ? ['m1'] : [],
        },
      })),
    fc
      .record({
        session,
        tallies: fc.array(fc.record({ itemId: item, votesFor: fc.integer({ min: 0, max: 11 }) }), { minLength: 1, maxLength: 3 }),
      })
      .map(({ session: sessionId, tallies }): AnyStep => ({
        name: 'voteTallies',
        cmd: { actor: secretary(), sessionId, tallies: tallies.map((t) => ({ ...t, votesAgainst: 0, invalid: 0 })) },
      })),
    fc.record({ session, adjourn: fc.boolean() }).map(({ session: sessionId, adjourn }): AnyStep => ({
      name: 'endSession',
      cmd: { actor: boardHead(), sessionId, end: adjourn ? 'ADJOURN' : 'CLOSE', reason: adjourn ? 'Hoãn họp' : undefined },
    })),
    fc
      .record({
        n: fc.integer({ min: 1, max: 4 }),
        day,
        items: fc.array(fc.record({ itemId: item, approve: fc.boolean() }), { minLength: 1, maxLength: 4 }),
      })
      .map(({ n, day: decisionDate, items }): AnyStep => ({
        name: 'decideRound',
        cmd: {
          actor: chairman(),
          decisionNumber: `${n}/QĐ-UBND`,
          decisionDate,
          items: items.map((i) => ({ ...i, reason: i.approve ? undefined : 'Không đủ tiêu chuẩn' })),
        },
      })),
  );
}

function run(m: RoundMachine, step: AnyStep): boolean {
  const decision = decideRoundStep(m, step.name, step.cmd as never, ctx);
  if (!decision.ok) return false;
  const accepted = acceptedRoundStep(m, step.name, step.cmd as never, ctx);
  if (!accepted.ok) throw new Error('accepted step refused');
  for (const e of accepted.events) applyRoundEvent(m, e);
  return true;
}

const base = appraisedRound();
const ids = base.view.items.map((i) => i.id);

describe('the round machine: properties', () => {
  it('a refused step leaves the machine deep-equal', () => {
    fc.assert(
      fc.property(fc.array(stepArb(ids), { maxLength: 25 }), (steps) => {
        const m = clone(base);
        for (const step of steps) {
          const before = clone(m);
          if (!run(m, step)) expect(m).toEqual(before);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('no item is decided twice, and the approved items per award are the sums over the decisions', () => {
    fc.assert(
      fc.property(fc.array(stepArb(ids), { maxLength: 30 }), (steps) => {
        const m = clone(base);
        for (const step of steps) run(m, step);
        const decided = m.view.decisions.flatMap((d) => d.itemIds);
        expect(new Set(decided).size).toBe(decided.length);
        for (const award of AWARD_TYPES) {
          const approvedItems = m.view.items.filter(
            (i) => i.award === award && (i.status === NomineeStatus.APPROVED || i.status === NomineeStatus.FORWARDED),
          ).length;
          const fromDecisions = m.view.decisions
            .flatMap((d) => d.itemIds)
            .filter((id) => {
              const item = m.view.items.find((i) => i.id === id);
              return item?.award === award && item.decision?.approve;
            }).length;
          expect(approvedItems).toBe(fromDecisions);
        }
        expect(m.view.decisions.reduce((s, d) => s + d.approved + d.rejected, 0)).toBe(decided.length);
        // Every decided item was approved by the council (or needed no council vote) before its decision.
        for (const item of m.view.items.filter((i) => i.decision && i.council)) expect(item.council?.passed).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
