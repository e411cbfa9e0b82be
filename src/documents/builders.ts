import {
  NomineeStatus,
  type AwardTally,
  type CycleState,
  type ElectionTally,
  type VoteCountMinutes,
} from '../shared/cycle-types';
import { TASK_RATING_NAMES, type TaskRating } from '../shared/eligibility';
import { CountBase } from '../shared/rules';
import { dateInWords, nfcDeep, placeAndDate, placeOf, shortDate, upper, viNumber, viPercent } from './vi-format';

/**
 * Pure builders from a cycle's state (and what the read model knows besides) to the data of each template. Names,
 * never codes; dates and numbers as Vietnamese documents write them; every string NFC.
 */

export interface EarlierAward {
  year: number;
  awardName: string;
  decisionNumber: string;
  decisionDate: string;
}

export interface BlocDocumentContext {
  state: CycleState;
  /** As stored, e.g. "Tỉnh Bắc Kạn". */
  provinceName: string;
  /** The legal basis (căn cứ) of the rule set the cycle's conference applied. */
  legalBasis: string[];
  /** The year's task-completion rating of each unit, where recorded. */
  ratings: Record<string, TaskRating | undefined>;
  /** Awards of earlier years per unit (award_history), newest first. */
  earlierAwards: Record<string, EarlierAward[]>;
  /** The unit's own points per criterion in its accepted round (SELF), where the read model has them. */
  selfScores?: Record<string, Record<string, number>>;
  /** The day a document without a date of its own is dated (YYYY-MM-DD). */
  today: string;
  /**
   * The names of the people who took the steps a paper is signed for (the Trưởng khối who launched, who chaired the
   * conference, who submitted the dossier; the chairman who decided): printed under the signature instead of a blank.
   */
  signerNames?: { pledge?: string; conference?: string; toTrinh?: string; decision?: string };
}

export type TemplateData = Record<string, unknown>;

const BLANK_NUMBER = '…';

function unitNameOf(state: CycleState, code: string): string {
  return state.units.find((u) => u.code === code)?.name ?? code;
}

function provinceIssuer(provinceName: string): string {
  return upper(`Ủy ban nhân dân tỉnh ${placeOf(provinceName)}`);
}

/** Ô 1-4 and the closing of a document the bloc issues (its Trưởng khối signs for it: TM. Khối). */
function blocHeader(
  ctx: BlocDocumentContext,
  o: { code: string; date: string; docType: string; subject: string; signerName?: string },
) {
  const place = placeOf(ctx.provinceName);
  return {
    issuerParent: upper(`UBND tỉnh ${place}`),
    issuerName: upper(ctx.state.blocName),
    number: `${BLANK_NUMBER}/${o.code}`,
    placeDate: placeAndDate(place, o.date),
    docType: o.docType,
    subject: o.subject,
    signAuthority: 'TM. KHỐI THI ĐUA',
    signTitle: 'TRƯỞNG KHỐI',
    signerName: o.signerName ?? '',
    recipients: [`Ban Thi đua - Khen thưởng tỉnh ${place}`, ...ctx.state.units.map((u) => u.name), 'Lưu: VT, Khối thi đua'],
  };
}

const statusOk = (status: NomineeStatus) =>
  status !== NomineeStatus.NOT_RECOMMENDED && status !== NomineeStatus.COUNCIL_REJECTED && status !== NomineeStatus.REJECTED;

/** The day the conference was held, or the cycle's own latest paper date, or today. */
const conferenceDay = (ctx: BlocDocumentContext) => ctx.state.minutes?.heldOn ?? ctx.state.conference?.heldOn ?? ctx.today;

// ---- Bản giao ước ----

export function buildPledge(ctx: BlocDocumentContext): TemplateData {
  const { state } = ctx;
  const launch = state.launch;
  if (!launch) throw new Error('the cycle has not been launched');
  const date = launch.launchedOn ?? launch.launchedAt.slice(0, 10);
  const signatures = state.units.map((u, i) => {
    const signed = state.pledges[u.code];
    const day = signed ? (signed.signedOn ?? signed.signedAt.slice(0, 10)) : undefined;
    const late = (state.lateUnits.PLEDGE ?? []).includes(u.code);
    return {
      stt: i + 1,
      unitName: u.name,
      signedOnText: day ? shortDate(day) : 'Chưa ký',
      note: late ? 'Ký muộn' : '',
    };
  });
  return nfcDeep({
    ...blocHeader(ctx, {
      code: 'GƯ-KTĐ',
      date,
      docType: 'BẢN GIAO ƯỚC THI ĐUA',
      subject: `Năm ${state.year}`,
      signerName: ctx.signerNames?.pledge,
    }),
    year: state.year,
    blocName: state.blocName,
    plan: launch.plan,
    pledgeText: launch.pledgeText,
    signedCount: Object.keys(state.pledges).length,
    unitCount: state.units.length,
    signatures,
  });
}

// ---- Biên bản hội nghị bình xét ----

function quorumText(q: { present: number; base: number; ratio: number; required: number; met: boolean }): string {
  return (
    `Số đơn vị dự họp: ${q.present}/${q.base} (${viPercent(q.present / q.base)}); tỷ lệ tối thiểu theo quy chế: ` +
    `${viPercent(q.ratio)} (${q.required} đơn vị). Hội nghị ${q.met ? 'đủ' : 'không đủ'} điều kiện tiến hành.`
  );
}

/** The outcome as decisions, one line per award (the nominees the ballot selected) and per seat. */
function decisionLines(ctx: BlocDocumentContext): string[] {
  const { state } = ctx;
  const byAward = new Map<string, string[]>();
  for (const n of state.nominees) {
    const award = n.awardName ?? n.award;
    byAward.set(award, [...(byAward.get(award) ?? []), unitNameOf(state, n.unitCode)]);
  }
  return [...byAward].map(([award, names]) => `Đề nghị tặng ${award} cho ${names.length} tập thể: ${names.join('; ')}`);
}

export function buildConferenceMinutes(ctx: BlocDocumentContext): TemplateData {
  const { state } = ctx;
  const m = state.minutes;
  if (!m) throw new Error('the ballot has not closed');
  const name = (code: string) => unitNameOf(state, code);
  const rounds = m.rounds?.length ? m.rounds : [m.voteCount];
  const adjustments = (m.scoreAdjustments ?? []).map((a) => ({
    unitName: name(a.unitCode),
    criterion: state.launch?.criteria.find((c) => c.code === a.criterionCode)?.name ?? a.criterionCode,
    pointsText: viNumber(a.points),
    reason: a.reason,
  }));
  return nfcDeep({
    ...blocHeader(ctx, {
      code: 'BB-KTĐ',
      date: m.heldOn,
      docType: 'BIÊN BẢN',
      subject: `Hội nghị tổng kết và bình xét thi đua năm ${m.year}`,
      signerName: ctx.signerNames?.conference,
    }),
    year: m.year,
    nextYear: m.year + 1,
    blocName: m.blocName,
    heldOnText: dateInWords(m.heldOn),
    location: m.location ?? '…',
    chairedBy: `đại diện ${name(m.chairedBy)} (đơn vị Trưởng khối)`,
    membersTotal: m.membersTotal,
    presentCount: m.present.length,
    absentCount: m.absent.length,
    present: m.present.map(name),
    absent: m.absent.map(name),
    quorumText: quorumText(m.quorum),
    ranking: m.ranking.map((r) => ({
      rank: r.rank,
      unitName: name(r.unitCode),
      totalText: viNumber(r.total),
      selfTotalText:
        state.assessments[r.unitCode]?.selfTotal !== undefined ? viNumber(state.assessments[r.unitCode].selfTotal as number) : '',
    })),
    hasAdjustments: adjustments.length > 0,
    adjustments,
    roundCount: rounds.length,
    decisions: decisionLines(ctx),
    nextLeader: name(m.nextLeader),
    nextDeputy: name(m.nextDeputy),
    rulesVersion: m.rulesVersion,
    signers: [
      { role: 'THƯ KÝ HỘI NGHỊ', name: '' },
      { role: 'CHỦ TRÌ HỘI NGHỊ', name: ctx.signerNames?.conference ?? '' },
    ],
  });
}

// ---- Biên bản kiểm phiếu ----

const BASE_NAMES: Record<string, string> = {
  [CountBase.TOTAL_MEMBERS]: 'tổng số đơn vị thành viên',
  [CountBase.PRESENT]: 'số đơn vị có mặt',
  [CountBase.VALID_BALLOTS]: 'số phiếu hợp lệ',
};

function candidateResult(award: AwardTally, c: AwardTally['candidates'][number]): string {
  if (c.selected) return 'Trúng cử';
  if (award.tied?.includes(c.unitCode)) return 'Bằng phiếu';
  if (c.passedThreshold) return 'Đạt ngưỡng, ngoài số lượng';
  return 'Không đạt';
}

function electionResult(state: CycleState, e: ElectionTally): string {
  if (e.elected) return `${unitNameOf(state, e.elected)} trúng cử`;
  if (e.tied?.length) return `bằng phiếu giữa ${e.tied.map((c) => unitNameOf(state, c)).join(', ')}`;
  return 'chưa có đơn vị trúng cử';
}

const ITEM_NAMES: Record<string, string> = { LEADER: 'Đơn vị Trưởng khối', DEPUTY: 'Đơn vị Phó khối' };

function roundData(state: CycleState, round: VoteCountMinutes, index: number) {
  const name = (code: string) => unitNameOf(state, code);
  return {
    round: index + 1,
    issued: round.ballotsIssued,
    returned: round.ballotsReturned,
    valid: round.ballotsValid,
    invalid: round.ballotsInvalid,
    awards: round.awards.map((a) => ({
      award: a.displayName,
      thresholdText: `tối thiểu ${a.required} phiếu (${viPercent(a.threshold)} ${BASE_NAMES[a.thresholdBase] ?? a.thresholdBase}: ${a.baseCount})`,
      maxPerBloc: a.maxPerBloc,
      candidates: a.candidates.map((c, i) => ({
        stt: i + 1,
        unitName: name(c.unitCode),
        votes: c.votes,
        ratio: a.baseCount > 0 ? viPercent(c.votes / a.baseCount) : '',
        result: candidateResult(a, c),
      })),
    })),
    elections: [
      { seat: `Bầu đơn vị Trưởng khối năm ${state.year + 1}`, tally: round.leaderElection },
      { seat: `Bầu đơn vị Phó khối năm ${state.year + 1}`, tally: round.deputyElection },
    ]
      .filter((e) => e.tally.candidates.length > 0)
      .map((e) => ({
        seat: e.seat,
        result: electionResult(state, e.tally),
        candidates: e.tally.candidates.map((c) => ({ unitName: name(c.unitCode), votes: c.votes })),
      })),
  };
}

export function buildVoteCountMinutes(ctx: BlocDocumentContext): TemplateData {
  const { state } = ctx;
  const m = state.minutes;
  if (!m) throw new Error('the ballot has not closed');
  const name = (code: string) => unitNameOf(state, code);
  const rounds = m.rounds?.length ? m.rounds : [m.voteCount];
  const awardName = (item: string) =>
    ITEM_NAMES[item] ?? rounds.flatMap((r) => r.awards).find((a) => (a.award as string) === item)?.displayName ?? item;
  const tieBreaks = (m.tieBreaks ?? []).map((t) => ({
    item: awardName(t.item),
    tied: t.tied.map(name).join(', '),
    chosen: t.chosen.map(name).join(', '),
    by: 'Trưởng khối đề xuất, Phó khối xác nhận',
  }));
  return nfcDeep({
    ...blocHeader(ctx, {
      code: 'BBKP-KTĐ',
      date: m.heldOn,
      docType: 'BIÊN BẢN KIỂM PHIẾU',
      subject: `Bình xét thi đua năm ${m.year} và bầu Trưởng khối, Phó khối năm ${m.year + 1}`,
    }),
    signAuthority: 'TM. BAN KIỂM PHIẾU',
    signTitle: 'TRƯỞNG BAN',
    year: m.year,
    blocName: m.blocName,
    heldOnText: dateInWords(m.heldOn).replace(/^ngày /, ''),
    location: m.location ?? '…',
    roundCount: rounds.length,
    rounds: rounds.map((r, i) => roundData(state, r, i)),
    hasTieBreaks: tieBreaks.length > 0,
    tieBreaks,
    board: [
      { role: 'THÀNH VIÊN BAN KIỂM PHIẾU', name: '' },
      { role: 'THÀNH VIÊN BAN KIỂM PHIẾU', name: '' },
    ],
  });
}

// ---- Tờ trình đề nghị khen thưởng của khối ----

export function buildToTrinh(ctx: BlocDocumentContext): TemplateData {
  const { state } = ctx;
  const dossier = state.dossier;
  if (!dossier) throw new Error('the dossier has not been submitted');
  const place = placeOf(ctx.provinceName);
  const nominees = state.nominees.map((n, i) => ({
    stt: i + 1,
    unitName: unitNameOf(state, n.unitCode),
    awardName: n.awardName ?? n.award,
    totalText: state.assessments[n.unitCode]?.total !== undefined ? viNumber(state.assessments[n.unitCode].total as number) : '',
    votesText: String(n.ballotVotes),
  }));
  return nfcDeep({
    ...blocHeader(ctx, {
      code: 'TTr-KTĐ',
      date: dossier.toTrinh.date,
      docType: 'TỜ TRÌNH',
      subject: `Về việc đề nghị khen thưởng năm ${state.year}`,
      signerName: ctx.signerNames?.toTrinh,
    }),
    number: dossier.toTrinh.number,
    year: state.year,
    blocName: state.blocName,
    addressee: `Chủ tịch Ủy ban nhân dân tỉnh ${place} (qua Ban Thi đua - Khen thưởng tỉnh)`,
    addresseeShort: `Chủ tịch Ủy ban nhân dân tỉnh`,
    legalBasis: ctx.legalBasis,
    heldOnShort: shortDate(conferenceDay(ctx)),
    nomineeCount: nominees.length,
    nominees,
  });
}

// ---- Báo cáo thành tích (skeleton, prefilled) ----

/** The decree whose annex gives the report's form: the one of the rule set applied (NĐ 152/2025 from 01/07/2025). */
function reportFormDecree(legalBasis: string[]): string {
  return legalBasis.find((b) => /^Nghị định/.test(b)) ?? 'Nghị định số 152/2025/NĐ-CP';
}

export function buildAchievementReport(ctx: BlocDocumentContext, unitCode: string): TemplateData {
  const { state } = ctx;
  const nominee = state.nominees.find((n) => n.unitCode === unitCode);
  if (!nominee) throw new Error(`${unitCode} is not a nominee`);
  const unit = state.units.find((u) => u.code === unitCode);
  const assessment = state.assessments[unitCode];
  const selfScores = new Map(Object.entries(ctx.selfScores?.[unitCode] ?? {}));
  const verified = new Map((assessment?.scores ?? []).map((s) => [s.criterionCode, s.points]));
  const ranked =
    state.minutes?.ranking.find((r) => r.unitCode === unitCode) ?? state.conference?.ranking.find((r) => r.unitCode === unitCode);
  const rating = ctx.ratings[unitCode];
  const place = placeOf(ctx.provinceName);
  const awards = (ctx.earlierAwards[unitCode] ?? []).map((a) => ({
    year: a.year,
    awardName: a.awardName,
    decision: `Quyết định số ${a.decisionNumber} ngày ${shortDate(a.decisionDate)}`,
  }));
  return nfcDeep({
    issuerParent: upper(`UBND tỉnh ${place}`),
    issuerName: upper(unit?.name ?? unitCode),
    number: `${BLANK_NUMBER}/BC`,
    placeDate: placeAndDate(place, state.dossier?.toTrinh.date ?? ctx.today),
    docType: 'BÁO CÁO THÀNH TÍCH',
    subject: `Đề nghị tặng ${nominee.awardName ?? nominee.award} năm ${state.year}`,
    signAuthority: 'THỦ TRƯỞNG ĐƠN VỊ',
    signTitle: '',
    signerName: '',
    recipients: [state.blocName, 'Lưu: VT'],
    year: state.year,
    blocName: state.blocName,
    unitName: unit?.name ?? unitCode,
    womenText: unit?.womenRatio !== undefined ? viPercent(unit.womenRatio) : '…',
    scores: (state.launch?.criteria ?? []).map((c) => ({
      code: c.code,
      name: c.name,
      maxText: viNumber(c.maxPoints),
      selfText: selfScores.has(c.code) ? viNumber(selfScores.get(c.code) as number) : '',
      pointsText: verified.has(c.code) ? viNumber(verified.get(c.code) as number) : '',
    })),
    totalText: assessment?.total !== undefined ? viNumber(assessment.total) : '…',
    rank: ranked?.rank ?? '…',
    unitCount: state.units.length,
    awardName: nominee.awardName ?? nominee.award,
    votesText: String(nominee.ballotVotes),
    ratingText: rating ? TASK_RATING_NAMES[rating] : 'chưa ghi nhận trong hệ thống',
    hasAwards: awards.length > 0,
    awards,
    formBasis: `Mẫu báo cáo thành tích đề nghị khen thưởng tập thể, Phụ lục ban hành kèm theo ${reportFormDecree(ctx.legalBasis)}`,
    signers: [{ role: `XÁC NHẬN CỦA ${upper(state.blocName)}`, name: '' }],
  });
}

// ---- Quyết định khen thưởng with its annex ----

export interface Awardee {
  /** The collective's (or person's) full name as it is printed. */
  name: string;
  awardName: string;
}

export interface DecisionInput {
  provinceName: string;
  number: string;
  /** YYYY-MM-DD */
  date: string;
  year: number;
  legalBasis: string[];
  /** Who proposed: "Trưởng Ban Thi đua - Khen thưởng tỉnh", or the bloc. */
  proposer: string;
  awardees: Awardee[];
  /** The chairman signs himself unless a vice-chairman signs for him (KT.). */
  signedFor?: boolean;
  /** The name of the person who signed, where the system knows it. */
  signerName?: string;
}

/** The chairman's decision and its annex from any list of awardees (the province round reuses it). */
export function buildDecision(input: DecisionInput): TemplateData {
  const place = placeOf(input.provinceName);
  const kinds = [...new Set(input.awardees.map((a) => a.awardName))];
  return nfcDeep({
    issuerParent: '',
    issuerName: provinceIssuer(input.provinceName),
    number: input.number,
    placeDate: placeAndDate(place, input.date),
    docType: 'QUYẾT ĐỊNH',
    subject: `Về việc tặng ${kinds.join(' và ') || 'khen thưởng'}`,
    deciderTitle: upper(`Chủ tịch Ủy ban nhân dân tỉnh ${place}`),
    deciderShort: `Chủ tịch Ủy ban nhân dân tỉnh ${place}`,
    legalBasis: input.legalBasis,
    proposer: input.proposer,
    year: input.year,
    awardeeCount: input.awardees.length,
    dateText: dateInWords(input.date),
    annex: input.awardees.map((a, i) => ({ stt: i + 1, name: a.name, awardName: a.awardName })),
    signAuthority: input.signedFor ? 'KT. CHỦ TỊCH' : 'CHỦ TỊCH',
    signTitle: input.signedFor ? 'PHÓ CHỦ TỊCH' : '',
    signerName: input.signerName ?? '',
    recipients: ['Như Điều 3', 'Ban Thi đua - Khen thưởng tỉnh', 'Lưu: VT, TĐKT'],
  });
}

/** The bloc cycle's approved nominees, in the order of the dossier, as the decision's awardees. */
export function cycleAwardees(state: CycleState): { number: string; date: string; awardees: Awardee[] } | undefined {
  const decided = state.nominees.filter((n) => n.decision?.approve && n.status === NomineeStatus.APPROVED && statusOk(n.status));
  const first = decided[0]?.decision;
  if (!first) return undefined;
  return {
    number: first.number,
    date: first.date,
    awardees: decided.map((n) => ({ name: unitNameOf(state, n.unitCode), awardName: n.awardName ?? n.award })),
  };
}

export function buildCycleDecision(ctx: BlocDocumentContext): TemplateData {
  const decided = cycleAwardees(ctx.state);
  if (!decided) throw new Error('no decision has been issued');
  return buildDecision({
    provinceName: ctx.provinceName,
    number: decided.number,
    date: decided.date,
    year: ctx.state.year,
    legalBasis: ctx.legalBasis,
    proposer: `Trưởng Ban Thi đua - Khen thưởng tỉnh và đề nghị của ${ctx.state.blocName}`,
    awardees: decided.awardees,
    signerName: ctx.signerNames?.decision,
  });
}
