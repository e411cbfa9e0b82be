import { NomineeStatus, Phase, type CycleState, type VoteCountMinutes } from '../../../src/shared/cycle-types';
import { AwardType, CountBase } from '../../../src/shared/rules';
import type { BlocDocumentContext } from '../../../src/documents/builders';
import { TaskRating } from '../../../src/shared/eligibility';

/** A decided S1-like cycle (Bắc Kạn 2020), written by hand: the builders read nothing else. */
const UNITS = [
  { code: 'HLHPN', name: 'Hội Liên hiệp Phụ nữ tỉnh Bắc Kạn' },
  { code: 'LDLD', name: 'Liên đoàn Lao động tỉnh Bắc Kạn' },
  { code: 'DTN', name: 'Tỉnh đoàn Bắc Kạn (Đoàn TNCS Hồ Chí Minh)' },
  // Decomposed on purpose (NFD): the builders must hand the template NFC.
  { code: 'HND', name: 'Hội Nông dân tỉnh Bắc Kạn'.normalize('NFD') },
];

const round = (flagVotes: [number, number]): VoteCountMinutes => ({
  ballotsIssued: 4,
  ballotsReturned: 4,
  ballotsValid: 4,
  ballotsInvalid: 0,
  awards: [
    {
      award: AwardType.CO_THI_DUA_TINH,
      displayName: 'Cờ thi đua của UBND tỉnh',
      threshold: 0.8,
      thresholdBase: CountBase.TOTAL_MEMBERS,
      baseCount: 4,
      required: 4,
      maxPerBloc: 1,
      basis: 'quy chế khối',
      candidates: [
        { unitCode: 'HLHPN', votes: flagVotes[0], required: 4, passedThreshold: flagVotes[0] >= 4, selected: flagVotes[0] >= 4 },
        { unitCode: 'LDLD', votes: flagVotes[1], required: 4, passedThreshold: false, selected: false },
      ],
      ...(flagVotes[0] < 4 ? { tied: ['HLHPN', 'LDLD'], tiedSlots: 1 } : {}),
    },
  ],
  leaderElection: { candidates: [{ unitCode: 'LDLD', votes: 4 }], elected: 'LDLD' },
  deputyElection: {
    candidates: [
      { unitCode: 'DTN', votes: 3 },
      { unitCode: 'HND', votes: 1 },
    ],
    elected: 'DTN',
  },
});

export function decidedState(): CycleState {
  const rounds = [round([2, 2]), round([4, 0])];
  return {
    cycleId: 'cycle.BK.MTTQ.2020',
    provinceCode: 'BK',
    blocCode: 'MTTQ',
    blocName: 'Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh',
    year: 2020,
    phase: Phase.COMPLETED,
    version: 40,
    units: UNITS,
    leaderUnit: 'HLHPN',
    deputyUnit: 'LDLD',
    rulesVersion: 'ND91-2017',
    launch: {
      plan: 'Kế hoạch thi đua năm 2020',
      pledgeText: 'Các đơn vị cam kết thực hiện thắng lợi nhiệm vụ chính trị năm 2020',
      criteria: [
        { code: 'TC1', name: 'Thực hiện nhiệm vụ chính trị được giao', maxPoints: 40, evidenceRequired: true },
        { code: 'TC2', name: 'Công tác xây dựng tổ chức', maxPoints: 60, evidenceRequired: false },
      ],
      pledgeDeadline: '2020-03-01T00:00:00Z',
      selfAssessmentDeadline: '2020-12-01T00:00:00Z',
      launchedAt: '2020-02-03T02:00:00Z',
      launchedBy: 'u1',
      launchedOn: '2020-02-03',
    },
    pledges: {
      HLHPN: { signedAt: '2020-02-05T02:00:00Z', signedBy: 'u1', signedOn: '2020-02-05' },
      LDLD: { signedAt: '2020-02-06T02:00:00Z', signedBy: 'u2' },
      DTN: { signedAt: '2020-03-09T02:00:00Z', signedBy: 'u3', signedOn: '2020-03-09' },
    },
    lateUnits: { PLEDGE: ['DTN'] },
    assessments: {
      HLHPN: {
        status: 'ACCEPTED',
        total: 95,
        selfTotal: 96,
        rounds: 1,
        scores: [
          { criterionCode: 'TC1', points: 39 },
          { criterionCode: 'TC2', points: 56 },
        ],
      },
      DTN: {
        status: 'ACCEPTED',
        total: 92.5,
        selfTotal: 92.5,
        rounds: 1,
        scores: [
          { criterionCode: 'TC1', points: 38 },
          { criterionCode: 'TC2', points: 54.5 },
        ],
      },
      LDLD: { status: 'ACCEPTED', total: 88, rounds: 1 },
      HND: { status: 'ACCEPTED', total: 90, rounds: 1 },
    },
    minutes: {
      blocName: 'Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh',
      year: 2020,
      heldOn: '2020-12-29',
      location: 'Hội trường UBMTTQ tỉnh',
      chairedBy: 'HLHPN',
      membersTotal: 4,
      present: ['HLHPN', 'LDLD', 'DTN', 'HND'],
      absent: [],
      quorum: { required: 3, present: 4, base: 4, ratio: 2 / 3, met: true },
      ranking: [
        { unitCode: 'HLHPN', total: 95, rank: 1 },
        { unitCode: 'DTN', total: 92.5, rank: 2 },
        { unitCode: 'HND', total: 90, rank: 3 },
        { unitCode: 'LDLD', total: 88, rank: 4 },
      ],
      voteCount: rounds[0],
      rounds,
      tieBreaks: [],
      nextLeader: 'LDLD',
      nextDeputy: 'DTN',
      rulesVersion: 'ND91-2017',
      scoreAdjustments: [{ unitCode: 'HLHPN', criterionCode: 'TC2', points: 56, reason: 'Thiếu minh chứng một hoạt động' }],
    },
    nominees: [
      {
        id: 'n1',
        unitCode: 'HLHPN',
        award: AwardType.CO_THI_DUA_TINH,
        awardName: 'Cờ thi đua của UBND tỉnh',
        status: NomineeStatus.APPROVED,
        ballotVotes: 4,
        decision: { approve: true, number: '125/QĐ-UBND', date: '2021-01-20', rulesVersion: 'ND91-2017' },
      },
      {
        id: 'n2',
        unitCode: 'DTN',
        award: AwardType.BANG_KHEN_CHU_TICH,
        awardName: 'Bằng khen của Chủ tịch UBND tỉnh',
        status: NomineeStatus.REJECTED,
        ballotVotes: 3,
        decision: {
          approve: false,
          number: '125/QĐ-UBND',
          date: '2021-01-20',
          rulesVersion: 'ND91-2017',
          reason: 'Không đủ tiêu chuẩn',
        },
      },
    ],
    dossier: {
      status: 'ACCEPTED',
      round: 1,
      toTrinh: { number: '15/TTr-KTĐ', date: '2020-12-30', documentRef: 'to-trinh-15.pdf' },
      achievementReports: [],
      submittedAt: '2020-12-30T03:00:00Z',
      returns: [],
    },
  } as unknown as CycleState;
}

export function context(state: CycleState = decidedState()): BlocDocumentContext {
  return {
    state,
    provinceName: 'Tỉnh Bắc Kạn (dữ liệu mẫu)',
    legalBasis: ['Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2005, 2013)', 'Nghị định 91/2017/NĐ-CP'],
    ratings: { DTN: TaskRating.HTXSNV },
    earlierAwards: {
      DTN: [
        { year: 2019, awardName: 'Bằng khen của Chủ tịch UBND tỉnh', decisionNumber: '98/QĐ-UBND', decisionDate: '2020-01-15' },
      ],
    },
    selfScores: { DTN: { TC1: 38, TC2: 54.5 } },
    today: '2021-02-01',
  };
}
