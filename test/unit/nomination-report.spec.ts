import {
  groupNominations,
  latestReason,
  outcomeOf,
  reasonsOf,
  stageOf,
  statusesAt,
  statusesWith,
  type CountedNomination,
} from '../../src/domain/nomination-report';
import { NomineeStatus } from '../../src/shared/cycle-types';

const row = (blocCode: string | null, unitCode: string, award: string, status: NomineeStatus): CountedNomination => ({
  blocCode,
  blocName: blocCode ? `Khối ${blocCode}` : null,
  unitCode,
  unitName: `Đơn vị ${unitCode}`,
  award,
  awardName: award === 'CO_THI_DUA_TINH' ? 'Cờ thi đua của UBND tỉnh' : 'Bằng khen của Chủ tịch UBND tỉnh',
  status,
});

describe('The board’s reading of the nominations', () => {
  it('given every status, should place each in exactly one stage and one outcome', () => {
    const statuses = Object.values(NomineeStatus);
    expect((['PROPOSAL', 'APPRAISAL', 'COUNCIL', 'DECISION'] as const).flatMap(statusesAt).sort()).toEqual([...statuses].sort());
    expect((['PENDING', 'AWARDED', 'FORWARDED', 'REFUSED'] as const).flatMap(statusesWith).sort()).toEqual([...statuses].sort());
    expect([stageOf('COUNCIL_REJECTED'), outcomeOf('COUNCIL_REJECTED')]).toEqual(['COUNCIL', 'REFUSED']);
    expect([stageOf('FORWARDED'), outcomeOf('FORWARDED')]).toEqual(['DECISION', 'FORWARDED']);
  });

  it('given a nominee refused at each stage, should list every reason in stage order, the latest last', () => {
    const nominee = {
      appraisal: { recommend: false, note: ' Thiếu hồ sơ ' },
      council: { votesFor: 9, required: 12, passed: false },
      decision: { approve: false, number: '1/QĐ', date: '2021-01-20', reason: 'Bị kỷ luật', rulesVersion: 'V' },
    };
    expect(reasonsOf(nominee)).toEqual([
      { stage: 'APPRAISAL', text: 'Thiếu hồ sơ' },
      { stage: 'COUNCIL', text: 'Hội đồng Thi đua – Khen thưởng tỉnh: 9 phiếu tán thành, cần 12' },
      { stage: 'DECISION', text: 'Bị kỷ luật' },
    ]);
    expect(latestReason(nominee)).toBe('Bị kỷ luật');
    expect(latestReason({ appraisal: { recommend: true, note: 'Đủ tiêu chuẩn' } })).toBeNull();
    expect(reasonsOf(undefined, 'Lý do của đợt xét')).toEqual([{ stage: 'OTHER', text: 'Lý do của đợt xét' }]);
    expect(reasonsOf(nominee, 'Bị kỷ luật')).toHaveLength(3);
  });

  it('given a bloc nominee refused in the province round, should give the round’s reason at its stage, once', () => {
    const council = { votesFor: 2, votesAgainst: 3, required: 4, passed: false, rulesVersion: 'V' };
    const rejected = {
      status: NomineeStatus.COUNCIL_REJECTED,
      council,
      round: { reason: 'Hội đồng không thống nhất đề nghị' },
    };
    // The council's own words, not a line made up from its counts beside them.
    expect(reasonsOf(rejected, 'Hội đồng không thống nhất đề nghị')).toEqual([
      { stage: 'COUNCIL', text: 'Hội đồng không thống nhất đề nghị' },
    ]);
    expect(latestReason(rejected)).toBe('Hội đồng không thống nhất đề nghị');
    // The board's note of the round's appraisal is the appraisal's reason, also before the row stores it.
    const notRecommended = { status: NomineeStatus.NOT_RECOMMENDED, round: { reason: 'Thiếu xác nhận' } };
    expect(reasonsOf(notRecommended)).toEqual([{ stage: 'APPRAISAL', text: 'Thiếu xác nhận' }]);
    // A Cờ CP the chairman forwarded and the centre refused.
    const central = {
      status: NomineeStatus.REJECTED,
      decision: { approve: true, number: '25/QĐ-UBND', date: '2026-01-20', rulesVersion: 'V' },
      round: {
        central: { approve: false, number: '300/QĐ-TTg', date: '2026-05-10', reason: 'Chưa đủ tiêu chuẩn' },
        reason: 'Chưa đủ tiêu chuẩn',
      },
    };
    expect(reasonsOf(central, 'Chưa đủ tiêu chuẩn')).toEqual([{ stage: 'DECISION', text: 'Chưa đủ tiêu chuẩn' }]);
    // A council of the cycle itself (no round) still reads from its counts.
    expect(reasonsOf({ council })).toEqual([
      { stage: 'COUNCIL', text: 'Hội đồng Thi đua – Khen thưởng tỉnh: 2 phiếu tán thành, cần 4' },
    ]);
  });

  it('given rows of two blocs and a direct proposal, should group each way into groups that add up to the totals row', () => {
    const rows = [
      row('K1', 'A', 'CO_THI_DUA_TINH', NomineeStatus.APPROVED),
      row('K1', 'B', 'BANG_KHEN_CHU_TICH', NomineeStatus.REJECTED),
      row('K2', 'C', 'BANG_KHEN_CHU_TICH', NomineeStatus.AWAITING_DECISION),
      row(null, 'D', 'BANG_KHEN_CHU_TICH', NomineeStatus.NOT_RECOMMENDED),
    ];
    const byBloc = groupNominations(rows, 'bloc');
    expect(byBloc.groups.map((g) => [g.key, g.name, g.total])).toEqual([
      ['K1', 'Khối K1', 2],
      ['K2', 'Khối K2', 1],
      ['', 'Ngoài khối, cụm (đề nghị trực tiếp)', 1],
    ]);
    expect(byBloc.totals).toEqual({
      key: '*',
      name: 'Tổng cộng',
      total: 4,
      outcomes: { PENDING: 1, AWARDED: 1, FORWARDED: 0, REFUSED: 2 },
    });
    for (const by of ['bloc', 'award', 'status', 'unit'] as const) {
      const { groups, totals } = groupNominations(rows, by);
      expect(groups.reduce((s, g) => s + g.total, 0)).toBe(totals.total);
    }
    expect(groupNominations(rows, 'status').groups.map((g) => g.key)).toEqual([
      'NOT_RECOMMENDED',
      'AWAITING_DECISION',
      'APPROVED',
      'REJECTED',
    ]);
  });
});
