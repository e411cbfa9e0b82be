import {
  formatVietnamTime,
  levelSchedule,
  PROVINCIAL_DOSSIER_APPRAISAL_CHAIN,
  vietnamDateOf,
  workingDaysBefore,
} from '../../../src/domain/approval';
import { Role } from '../../../src/shared/actors';
import { LevelMode } from '../../../src/shared/approval';
import { calendar, level } from './chain.fixtures';

const [CHUYEN_VIEN] = PROVINCIAL_DOSSIER_APPRAISAL_CHAIN.levels;

describe('levelSchedule in working days (17:00 Hà Nội on the last working day)', () => {
  it('given activation on Friday 25/4/2025, should count the worked Saturday 26/4 and skip 30/4–4/5', () => {
    // 2025: 30/4 and 1/5 are holidays, Friday 2/5 is swapped off for Saturday 26/4 (Thông báo 6150/TB-LĐTBXH).
    // Working days after 25/4: Sat 26/4, Mon 28/4, Tue 29/4, Mon 5/5, Tue 6/5 -> due 6/5.
    expect(levelSchedule(CHUYEN_VIEN, '2025-04-25T02:00:00.000Z', calendar)).toEqual({
      dueAt: '2025-05-06T10:00:00.000Z',
      // Two working days back from 6/5: 5/5, then 29/4 (over the holiday and the weekend).
      remindAt: ['2025-04-29T10:00:00.000Z'],
      // Two working days after 6/5: 7/5, 8/5.
      escalateAt: '2025-05-08T10:00:00.000Z',
    });
  });

  it('given activation the Thursday before Tết 2026, should skip 14/2–22/2', () => {
    // Tết Bính Ngọ: 16/2–20/2 off plus two weekends (Thông báo 9441/TB-BNV). Working days after Thu 12/2:
    // Fri 13/2, Mon 23/2, Tue 24/2, Wed 25/2, Thu 26/2.
    expect(levelSchedule(CHUYEN_VIEN, '2026-02-12T03:00:00.000Z', calendar)).toEqual({
      dueAt: '2026-02-26T10:00:00.000Z',
      remindAt: ['2026-02-24T10:00:00.000Z'],
      escalateAt: '2026-03-02T10:00:00.000Z',
    });
  });

  it('given a province day off on top of the national calendar, should skip it too', () => {
    const schedule = levelSchedule(CHUYEN_VIEN, '2026-02-12T03:00:00.000Z', calendar, ['2026-02-13', '2026-02-25']);
    // Working days: Mon 23/2, Tue 24/2, Thu 26/2, Fri 27/2, Mon 2/3.
    expect(schedule.dueAt).toBe('2026-03-02T10:00:00.000Z');
    // Back from 2/3: Fri 27/2, Thu 26/2.
    expect(schedule.remindAt).toEqual(['2026-02-26T10:00:00.000Z']);
  });

  it('given activation after 17:00 local, should count from that local date (the day itself not counted)', () => {
    // 18:30 on Monday 1/12/2025 local is 11:30Z; 20:00 local is 13:00Z, still 1/12 locally.
    const one = level('X', Role.BOARD_HEAD, LevelMode.ANY, { due: { workingDays: 1 } });
    expect(levelSchedule(one, '2025-12-01T11:30:00.000Z', calendar).dueAt).toBe('2025-12-02T10:00:00.000Z');
    // 23:30Z on 1/12 is 06:30 on Tuesday 2/12 locally.
    expect(levelSchedule(one, '2025-12-01T23:30:00.000Z', calendar).dueAt).toBe('2025-12-03T10:00:00.000Z');
  });

  it('given a level without a due, should have no instants', () => {
    expect(levelSchedule(PROVINCIAL_DOSSIER_APPRAISAL_CHAIN.levels[2], '2025-12-01T02:00:00.000Z', calendar)).toEqual({
      remindAt: [],
    });
  });
});

describe('levelSchedule in seconds', () => {
  it('given an urgent chain, should be plain instant arithmetic', () => {
    const urgent = level('X', Role.BOARD_HEAD, LevelMode.ANY, {
      due: { seconds: 3600 },
      remindBefore: [{ seconds: 1800 }, { seconds: 600 }],
      escalation: { after: { seconds: 300 }, to: 'NEXT_LEVEL' },
    });
    expect(levelSchedule(urgent, '2025-12-06T15:00:00.000Z', calendar)).toEqual({
      dueAt: '2025-12-06T16:00:00.000Z',
      remindAt: ['2025-12-06T15:30:00.000Z', '2025-12-06T15:50:00.000Z'],
      escalateAt: '2025-12-06T16:05:00.000Z',
    });
  });

  it('given escalation after 0, should escalate at the due instant', () => {
    const atDue = level('X', Role.BOARD_HEAD, LevelMode.ANY, {
      due: { seconds: 60 },
      escalation: { after: { seconds: 0 }, to: Role.CHAIRMAN },
    });
    expect(levelSchedule(atDue, '2025-12-06T15:00:00.000Z', calendar).escalateAt).toBe('2025-12-06T15:01:00.000Z');
  });
});

describe('local time helpers', () => {
  it('vietnamDateOf should shift to UTC+7', () => {
    expect(vietnamDateOf('2025-12-31T16:59:59.000Z')).toBe('2025-12-31');
    expect(vietnamDateOf('2025-12-31T17:00:00.000Z')).toBe('2026-01-01');
  });

  it('workingDaysBefore should step back over Tết Dương lịch 2026 and its swapped Friday', () => {
    // 1/1 holiday, 2/1 swapped off; back from Monday 5/1: Wed 31/12/2025, Tue 30/12.
    expect(workingDaysBefore(calendar, '2026-01-05', 2, [])).toBe('2025-12-30');
  });

  it('formatVietnamTime should print local time and date', () => {
    expect(formatVietnamTime('2025-12-01T02:30:00.000Z')).toBe('09:30 ngày 01/12/2025');
  });

  it('given a malformed instant, should throw rather than compute a deadline', () => {
    expect(() => levelSchedule(CHUYEN_VIEN, 'yesterday', calendar)).toThrow(RangeError);
  });
});
