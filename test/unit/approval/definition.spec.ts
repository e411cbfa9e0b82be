import { CYCLE_STEP_CHAINS, PROVINCIAL_DOSSIER_APPRAISAL_CHAIN, validateChainDefinition } from '../../../src/domain/approval';
import { DEFAULT_RULES } from '../../../src/domain/default-rules';
import { PASS } from '../../../src/domain/outcome';
import { Role } from '../../../src/shared/actors';
import { APPROVAL_EVENT_LABELS_VI, APPROVAL_EVENT_TYPES, type ChainDefinition, LevelMode } from '../../../src/shared/approval';
import { ErrorCode } from '../../../src/shared/errors';
import { refusal } from '../check.helpers';
import { chain, level } from './chain.fixtures';

const specialist = level('CV', Role.BOARD_SPECIALIST, LevelMode.ANY, { due: { workingDays: 5 } });
const head = level('TP', Role.BOARD_HEAD, LevelMode.ANY);

/** The refusal detail of a definition, split into its problems. */
function problems(definition: ChainDefinition): string[] {
  const refused = refusal(validateChainDefinition(definition));
  expect(refused.code).toBe(ErrorCode.APPROVAL_CHAIN_INVALID);
  return refused.detail.split('; ');
}

describe('validateChainDefinition', () => {
  it('given the demo provincial appraisal chain, should pass', () => {
    expect(validateChainDefinition(PROVINCIAL_DOSSIER_APPRAISAL_CHAIN)).toEqual(PASS);
  });

  it('given the demo chains of the other cycle steps, should pass', () => {
    for (const definition of Object.values(CYCLE_STEP_CHAINS)) expect(validateChainDefinition(definition)).toEqual(PASS);
  });

  it('given the demo chain, should put the council at the province rule set’s threshold on all members (domain.md §3.1)', () => {
    const council = PROVINCIAL_DOSSIER_APPRAISAL_CHAIN.levels.find((l) => l.code === 'HOI_DONG');
    expect(council?.mode).toBe(LevelMode.QUORUM);
    expect((council?.quorum?.percent ?? 0) / 100).toBeCloseTo(DEFAULT_RULES.council.threshold);
    expect(PROVINCIAL_DOSSIER_APPRAISAL_CHAIN.levels.map((l) => l.code)).toEqual([
      'CHUYEN_VIEN',
      'TRUONG_PHONG',
      'HOI_DONG',
      'CHU_TICH',
    ]);
  });

  it('given no levels, a blank code and a negative return cap, should name each field', () => {
    expect(problems({ code: ' ', name: 'x', levels: [], maxReturnRounds: -1, afterMaxRounds: 'REJECT' })).toEqual([
      'code is required',
      'maxReturnRounds must be a whole number >= 0: -1',
      'levels must list at least one level',
    ]);
  });

  it('given two levels with the same code, should name the duplicate and the first', () => {
    expect(problems(chain([specialist, { ...head, code: 'CV' }]))).toEqual(['levels[1].code duplicates levels[0].code: CV']);
  });

  it.each([
    [{ count: 0 }, 'levels[0].quorum.count must be a whole number > 0: 0'],
    [{ count: 2.5 }, 'levels[0].quorum.count must be a whole number > 0: 2.5'],
    [{ percent: 0 }, 'levels[0].quorum.percent must be in (0, 100]: 0'],
    [{ percent: 120 }, 'levels[0].quorum.percent must be in (0, 100]: 120'],
    [{ count: 3, percent: 50 }, 'levels[0].quorum must give exactly one of count and percent'],
    [{}, 'levels[0].quorum must give exactly one of count and percent'],
    [undefined, 'levels[0].quorum is required for mode QUORUM'],
  ])('given QUORUM with quorum %j, should refuse: %s', (quorum, expected) => {
    expect(problems(chain([level('HD', Role.COUNCIL_MEMBER, LevelMode.QUORUM, { quorum })]))).toEqual([expected]);
  });

  it('given a quorum on an ANY level, should refuse it', () => {
    expect(problems(chain([{ ...head, quorum: { count: 1 } }]))).toEqual(['levels[0].quorum is only for mode QUORUM']);
  });

  it.each([
    [{ workingDays: 5, seconds: 60 }, 'levels[0].due must give exactly one of workingDays and seconds'],
    [{}, 'levels[0].due must give exactly one of workingDays and seconds'],
    [{ workingDays: -2 }, 'levels[0].due.workingDays must be a whole number >= 1: -2'],
    [{ seconds: 0 }, 'levels[0].due.seconds must be a whole number >= 1: 0'],
    [{ workingDays: 1.5 }, 'levels[0].due.workingDays must be a whole number >= 1: 1.5'],
  ])('given due %j, should refuse: %s', (due, expected) => {
    expect(problems(chain([{ ...head, due }]))).toEqual([expected]);
  });

  it('given reminders not shorter than the due, in another unit, or without a due, should name each', () => {
    const bad = chain([
      { ...specialist, remindBefore: [{ workingDays: 5 }, { seconds: 60 }, { workingDays: 0 }] },
      { ...head, remindBefore: [{ workingDays: 1 }] },
    ]);
    expect(problems(bad)).toEqual([
      'levels[0].remindBefore[0] (5 workingDays) must be shorter than levels[0].due (5)',
      'levels[0].remindBefore[1] must be in workingDays, like levels[0].due',
      'levels[0].remindBefore[2].workingDays must be a whole number >= 1: 0',
      'levels[1].remindBefore needs levels[1].due',
    ]);
  });

  it('given an escalation to a unit role, should refuse it: it would reach every unit of the province', () => {
    const late = { ...specialist, escalation: { after: { workingDays: 0 }, to: Role.UNIT_HEAD } };
    expect(problems(chain([late, head]))).toEqual([
      'levels[0].escalation.to must not be a unit role (UNIT_HEAD), use BLOC_LEADER or a provincial role',
    ]);
    const toBloc = { ...specialist, escalation: { after: { workingDays: 0 }, to: 'BLOC_LEADER' as const } };
    expect(validateChainDefinition(chain([toBloc, head]))).toEqual(PASS);
  });

  it('given escalations without a due, NEXT_LEVEL on the last level, to ADMIN and with a negative delay, should name each', () => {
    const bad = chain([
      { ...head, escalation: { after: { workingDays: 1 }, to: 'NEXT_LEVEL' } },
      { ...specialist, code: 'X', escalation: { after: { seconds: -5 }, to: Role.ADMIN } },
      { ...specialist, code: 'Y', escalation: { after: { workingDays: 0 }, to: 'NEXT_LEVEL' } },
    ]);
    expect(problems(bad)).toEqual([
      'levels[0].escalation needs levels[0].due',
      'levels[1].escalation.after.seconds must be a whole number >= 0: -5',
      'levels[1].escalation.to must be NEXT_LEVEL, BLOC_LEADER or a deciding role: ADMIN',
      'levels[2].escalation.to NEXT_LEVEL is impossible on the last level',
    ]);
  });

  it('given an approver role that never decides, a blank label and an unknown mode, should name each', () => {
    const bad = chain([{ ...head, approvers: { role: Role.AUDITOR, label: '' }, mode: 'MAJORITY' as LevelMode }]);
    expect(problems(bad)).toEqual([
      'levels[0].approvers.role must be BLOC_LEADER or a deciding role: AUDITOR',
      'levels[0].approvers.label is required',
      'levels[0].mode must be one of ALL, ANY, QUORUM: MAJORITY',
    ]);
  });

  it('given an unknown afterMaxRounds, should refuse it', () => {
    expect(problems(chain([head], { afterMaxRounds: 'IGNORE' as 'REJECT' }))).toEqual([
      'afterMaxRounds must be REJECT or ESCALATE: IGNORE',
    ]);
  });
});

describe('APPROVAL_EVENT_LABELS_VI', () => {
  it('should label every event type of the timeline in Vietnamese', () => {
    expect(Object.keys(APPROVAL_EVENT_LABELS_VI).sort()).toEqual([...APPROVAL_EVENT_TYPES].sort());
    for (const type of APPROVAL_EVENT_TYPES) expect(APPROVAL_EVENT_LABELS_VI[type].trim()).not.toBe('');
    expect(APPROVAL_EVENT_LABELS_VI.ITEM_RETURNED).toBe('Trả lại để bổ sung, hoàn thiện');
  });
});
