import type {
  CouncilMemberRef,
  CouncilRole,
  CouncilSession,
  RoundItem,
  RoundView,
  UpwardSubmission,
} from '../domain/round/types';
import { NomineeStatus } from '../shared/cycle-types';
import { AWARD_TYPES, AwardType } from '../shared/rules';
import type { TemplateData } from './builders';
import { dateInWords, nfcDeep, placeAndDate, placeOf, shortDate, upper, viPercent } from './vi-format';

/**
 * Pure builders from a province round's state (and the names the read model knows) to the data of each of its
 * papers: the board's tờ trình to the chairman, the council's minutes per session, each decision with its annex, and
 * the tờ trình upward for the Cờ thi đua của Chính phủ. Names, never codes; every string NFC.
 */

export interface RoundDocumentContext {
  round: RoundView;
  /** As stored, e.g. "Tỉnh Bắc Kạn". */
  provinceName: string;
  /** The legal basis (căn cứ) of each rule set version of the province (without its "@revision"). */
  legalBasis: Record<string, string[]>;
  blocNames: Record<string, string>;
  /** The display name of each person (by user id) who took a step the papers are signed for. */
  people: Record<string, string>;
}

const BLANK_NUMBER = '…';

const AWARD_NAMES: Record<AwardType, string> = {
  [AwardType.CO_THI_DUA_TINH]: 'Cờ thi đua của UBND tỉnh',
  [AwardType.BANG_KHEN_CHU_TICH]: 'Bằng khen của Chủ tịch UBND tỉnh',
  [AwardType.CO_THI_DUA_CHINH_PHU]: 'Cờ thi đua của Chính phủ',
};

const ROLE_NAMES: Record<CouncilRole, string> = {
  CHU_TICH: 'Chủ tịch Hội đồng',
  PHO_CHU_TICH: 'Phó Chủ tịch Hội đồng',
  UY_VIEN: 'Ủy viên',
  THU_KY: 'Ủy viên, Thư ký Hội đồng',
};

const versionOf = (rulesVersion: string) => rulesVersion.split('@')[0];
const basisOf = (ctx: RoundDocumentContext, rulesVersion: string) => ctx.legalBasis[versionOf(rulesVersion)] ?? [];
const awardName = (item: RoundItem) => item.awardName ?? AWARD_NAMES[item.award] ?? item.award;
const unitName = (item: RoundItem) => item.unitName ?? item.unitCode;
/** Who proposed the item: its bloc (by name) or the agency that proposed it directly. */
const proposedBy = (ctx: RoundDocumentContext, item: RoundItem) =>
  item.source === 'BLOC' ? (ctx.blocNames[item.blocCode ?? ''] ?? item.blocCode ?? '') : (item.proposer ?? '');
/** The name of the person who acted, or a blank line for the signature when the system does not know them. */
const person = (ctx: RoundDocumentContext, userId: string | undefined) => (userId ? (ctx.people[userId] ?? '') : '');

const provinceHeader = (ctx: RoundDocumentContext) => upper(`Ủy ban nhân dân tỉnh ${placeOf(ctx.provinceName)}`);
const awardOrder = (item: RoundItem) => AWARD_TYPES.indexOf(item.award);

// ---- Tờ trình of Sở Nội vụ (Phòng Thi đua - Khen thưởng) to the chairman ----

/** The items the head of the board approved in the appraisal, recommended or not. */
export function appraisedItems(round: RoundView): RoundItem[] {
  const approved = new Set(round.appraisal.approvals.flatMap((a) => a.itemIds));
  return round.items.filter((i) => approved.has(i.id));
}

export function buildRoundToTrinh(ctx: RoundDocumentContext): TemplateData {
  const { round } = ctx;
  const last = round.appraisal.approvals[round.appraisal.approvals.length - 1];
  if (!last) throw new Error('the appraisal has not been approved');
  const place = placeOf(ctx.provinceName);
  const items = appraisedItems(round);
  const proposed = items.filter((i) => i.appraisal?.recommend !== false && i.status !== NomineeStatus.NOT_RECOMMENDED);
  const notRecommended = items.filter((i) => i.appraisal?.recommend === false || i.status === NomineeStatus.NOT_RECOMMENDED);
  const groups = AWARD_TYPES.map((award) => {
    const rows = proposed.filter((i) => i.award === award);
    const target = round.targets[award];
    return {
      awardName: rows[0] ? awardName(rows[0]) : AWARD_NAMES[award],
      count: rows.length,
      targetText: target !== undefined ? `chỉ tiêu của tỉnh: ${target}` : 'không giao chỉ tiêu',
      rows: rows.map((i, n) => ({
        stt: n + 1,
        unitName: unitName(i),
        proposedBy: proposedBy(ctx, i),
        votesText: i.ballotVotes !== undefined ? String(i.ballotVotes) : '',
        note: i.appraisal?.note ?? '',
      })),
    };
  }).filter((g) => g.count > 0);
  const blocs = new Set(proposed.filter((i) => i.source === 'BLOC').map((i) => i.blocCode));
  return nfcDeep({
    issuerParent: provinceHeader(ctx),
    issuerName: 'SỞ NỘI VỤ',
    number: `${BLANK_NUMBER}/TTr-SNV`,
    placeDate: placeAndDate(place, last.on),
    docType: 'TỜ TRÌNH',
    subject: `Về việc đề nghị khen thưởng năm ${round.year}${round.n > 1 ? ` (đợt ${round.n})` : ''}`,
    signAuthority: 'TL. GIÁM ĐỐC',
    signTitle: 'TRƯỞNG PHÒNG THI ĐUA - KHEN THƯỞNG',
    signerName: person(ctx, last.by),
    recipients: ['Như trên', 'Hội đồng Thi đua - Khen thưởng tỉnh', 'Lưu: VT, TĐKT'],
    year: round.year,
    roundTitle: `${round.title.charAt(0).toLocaleLowerCase('vi-VN')}${round.title.slice(1)}`,
    addressee: `Chủ tịch Ủy ban nhân dân tỉnh ${place}`,
    addresseeShort: 'Chủ tịch Ủy ban nhân dân tỉnh',
    legalBasis: basisOf(ctx, round.rulesVersion),
    approvedOnText: dateInWords(last.on),
    itemCount: proposed.length,
    blocCount: blocs.size,
    groups,
    hasNotRecommended: notRecommended.length > 0,
    notRecommended: notRecommended.map((i) => ({
      unitName: unitName(i),
      awardName: awardName(i),
      reason: i.appraisal?.note ?? i.reason ?? '',
    })),
  });
}

// ---- Biên bản họp Hội đồng Thi đua - Khen thưởng tỉnh (one per session) ----

export const endedSessions = (round: RoundView): CouncilSession[] => round.sessions.filter((s) => s.status !== 'OPEN');

const memberLine = (m: CouncilMemberRef) => ({
  name: m.name,
  roleText: [m.title, ROLE_NAMES[m.councilRole]].filter(Boolean).join(', '),
});

/** Who chairs: the council's chairman if present, else a vice-chairman present, else the first member present. */
function chairOf(session: CouncilSession): CouncilMemberRef | undefined {
  const present = session.members.filter((m) => session.present.includes(m.memberId));
  return present.find((m) => m.councilRole === 'CHU_TICH') ?? present.find((m) => m.councilRole === 'PHO_CHU_TICH') ?? present[0];
}

export function buildCouncilMinutes(ctx: RoundDocumentContext, sessionId: string): TemplateData {
  const { round } = ctx;
  const session = round.sessions.find((s) => s.id === sessionId);
  if (!session) throw new Error(`no session ${sessionId}`);
  const place = placeOf(ctx.provinceName);
  const number = round.sessions.indexOf(session) + 1;
  const chair = chairOf(session);
  const secretary = session.members.find((m) => m.councilRole === 'THU_KY');
  const byId = new Map(round.items.map((i) => [i.id, i]));
  const votes = session.votes
    .map((v) => ({ v, item: byId.get(v.itemId) }))
    .filter((x): x is { v: (typeof session.votes)[number]; item: RoundItem } => x.item !== undefined)
    .sort((a, b) => awardOrder(a.item) - awardOrder(b.item));
  const q = session.quorum;
  const adjourned = session.status === 'ADJOURNED';
  const passed = votes.filter((x) => x.v.passed);
  const rejected = votes.filter((x) => !x.v.passed);
  const required = votes[0]?.v.required;
  return nfcDeep({
    issuerParent: provinceHeader(ctx),
    issuerName: 'HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG',
    number: `${BLANK_NUMBER}/BB-HĐTĐKT`,
    placeDate: placeAndDate(place, session.sessionDate),
    docType: 'BIÊN BẢN',
    subject: `Họp Hội đồng Thi đua - Khen thưởng tỉnh xét khen thưởng năm ${round.year} (phiên ${number})`,
    signAuthority: '',
    signTitle: '',
    signerName: '',
    recipients: ['Chủ tịch UBND tỉnh (để báo cáo)', 'Thành viên Hội đồng', 'Lưu: VT, TĐKT'],
    year: round.year,
    sessionLabel: `phiên ${number}`,
    heldOnText: dateInWords(session.sessionDate),
    location: 'trụ sở Ủy ban nhân dân tỉnh',
    chairedBy: chair ? `${chair.name}, ${ROLE_NAMES[chair.councilRole]}` : '…',
    secretary: secretary ? secretary.name : '…',
    membersTotal: session.members.length,
    presentCount: session.present.length,
    writtenCount: session.writtenVotes.length,
    absentCount: session.members.length - session.present.length - session.writtenVotes.length,
    present: session.members.filter((m) => session.present.includes(m.memberId)).map(memberLine),
    written: session.members.filter((m) => session.writtenVotes.includes(m.memberId)).map(memberLine),
    absent: session.members
      .filter((m) => !session.present.includes(m.memberId) && !session.writtenVotes.includes(m.memberId))
      .map(memberLine),
    quorumText:
      `Số thành viên dự họp: ${q.present}/${q.base} (${viPercent(q.base > 0 ? q.present / q.base : 0)}); ` +
      `tỷ lệ tối thiểu theo quy chế: ${viPercent(q.ratio)} (${q.required} thành viên). ` +
      `Phiên họp ${q.met ? 'đủ' : 'không đủ'} điều kiện tiến hành.`,
    thresholdText:
      required !== undefined
        ? `Đề nghị được Hội đồng thông qua khi có từ ${required} phiếu đồng ý trở lên.`
        : 'Phiên họp không tiến hành bỏ phiếu.',
    hasVotes: votes.length > 0,
    votes: votes.map(({ v, item }, n) => ({
      stt: n + 1,
      unitName: unitName(item),
      awardName: awardName(item),
      proposedBy: proposedBy(ctx, item),
      votesFor: v.votesFor,
      votesAgainst: v.votesAgainst,
      invalid: v.invalid,
      required: v.required,
      result: v.passed ? 'Thông qua' : 'Không thông qua',
    })),
    passedCount: passed.length,
    rejectedCount: rejected.length,
    hasRejections: rejected.length > 0,
    rejections: rejected.map(({ v, item }) => ({ unitName: unitName(item), awardName: awardName(item), reason: v.reason ?? '' })),
    adjourned,
    adjournReason: session.adjournReason ?? '',
    resultText: adjourned
      ? `Phiên họp hoãn. Lý do: ${session.adjournReason ?? '…'}.`
      : `Hội đồng thông qua ${passed.length} đề nghị, không thông qua ${rejected.length} đề nghị; trình Chủ tịch UBND tỉnh xem xét, quyết định.`,
    rulesVersion: session.rulesVersion,
    signers: [
      { role: 'THƯ KÝ HỘI ĐỒNG', name: secretary?.name ?? '' },
      { role: chair?.councilRole === 'CHU_TICH' ? 'CHỦ TỊCH HỘI ĐỒNG' : 'CHỦ TRÌ PHIÊN HỌP', name: chair?.name ?? '' },
    ],
  });
}

// ---- Quyết định of the chairman in the round, with its annex across blocs ----

export function buildRoundDecision(ctx: RoundDocumentContext, decisionNumber: string): TemplateData {
  const { round } = ctx;
  const decision = round.decisions.find((d) => d.number === decisionNumber);
  if (!decision) throw new Error(`no decision ${decisionNumber}`);
  const place = placeOf(ctx.provinceName);
  const approved = round.items
    .filter((i) => i.decision?.number === decision.number && i.decision.approve)
    .sort((a, b) => awardOrder(a) - awardOrder(b));
  // The chairman awards the province's own titles; a Cờ thi đua của Chính phủ is only proposed to the Prime Minister.
  const awarded = approved.filter((i) => i.award !== AwardType.CO_THI_DUA_CHINH_PHU);
  const forwarded = approved.filter((i) => i.award === AwardType.CO_THI_DUA_CHINH_PHU);
  const counts = AWARD_TYPES.map((award) => ({ award, rows: awarded.filter((i) => i.award === award) })).filter(
    (c) => c.rows.length > 0,
  );
  const kinds = counts.map((c) => awardName(c.rows[0]));
  const blocs = new Set(awarded.filter((i) => i.source === 'BLOC').map((i) => i.blocCode));
  return nfcDeep({
    issuerParent: '',
    issuerName: provinceHeader(ctx),
    number: decision.number,
    placeDate: placeAndDate(place, decision.date),
    docType: 'QUYẾT ĐỊNH',
    subject: `Về việc ${[kinds.length ? `tặng ${kinds.join(' và ')}` : '', forwarded.length ? 'đề nghị tặng Cờ thi đua của Chính phủ' : ''].filter(Boolean).join('; ') || 'khen thưởng'} năm ${round.year}`,
    signAuthority: 'CHỦ TỊCH',
    signTitle: '',
    signerName: person(ctx, decision.signedBy),
    recipients: ['Như Điều 3', 'Sở Nội vụ (Phòng Thi đua - Khen thưởng)', 'Lưu: VT, TĐKT'],
    year: round.year,
    deciderTitle: upper(`Chủ tịch Ủy ban nhân dân tỉnh ${place}`),
    deciderShort: `Chủ tịch Ủy ban nhân dân tỉnh ${place}`,
    legalBasis: basisOf(ctx, decision.rulesVersion),
    proposer: `Giám đốc Sở Nội vụ và kết quả họp Hội đồng Thi đua - Khen thưởng tỉnh`,
    awardeeCount: awarded.length,
    awardSummary:
      counts.map((c) => `${awardName(c.rows[0])}: ${c.rows.length} tập thể`).join('; ') +
      (blocs.size > 0 ? ` (thuộc ${blocs.size} khối thi đua và các cơ quan, đơn vị đề nghị trực tiếp)` : ''),
    dateText: dateInWords(decision.date),
    rulesVersion: decision.rulesVersion,
    hasForwarded: forwarded.length > 0,
    forwarded: forwarded.map((i, n) => ({ stt: n + 1, name: unitName(i), proposedBy: proposedBy(ctx, i) })),
    annex: awarded.map((i, n) => ({ stt: n + 1, name: unitName(i), awardName: awardName(i), proposedBy: proposedBy(ctx, i) })),
  });
}

// ---- Tờ trình upward: Cờ thi đua của Chính phủ (UBND tỉnh → Thủ tướng, qua Bộ Nội vụ) ----

export function buildUpwardToTrinh(ctx: RoundDocumentContext, submissionId: string): TemplateData {
  const { round } = ctx;
  const submission: UpwardSubmission | undefined = round.submissions.find((s) => s.id === submissionId);
  if (!submission) throw new Error(`no submission ${submissionId}`);
  const place = placeOf(ctx.provinceName);
  const items = submission.itemIds.map((id) => round.items.find((i) => i.id === id)).filter((i): i is RoundItem => !!i);
  const decisions = [...new Set(items.map((i) => i.decision?.number).filter((n): n is string => !!n))].map(
    (n) => round.decisions.find((d) => d.number === n) as (typeof round.decisions)[number],
  );
  // The chairman who decided to forward them signs the tờ trình for the province's people's committee.
  const signer = decisions[decisions.length - 1]?.signedBy;
  const version = decisions[decisions.length - 1]?.rulesVersion ?? round.rulesVersion;
  return nfcDeep({
    issuerParent: '',
    issuerName: provinceHeader(ctx),
    number: submission.toTrinh.number,
    placeDate: placeAndDate(place, submission.toTrinh.date),
    docType: 'TỜ TRÌNH',
    subject: `Về việc đề nghị tặng Cờ thi đua của Chính phủ năm ${round.year}`,
    signAuthority: 'TM. ỦY BAN NHÂN DÂN',
    signTitle: 'CHỦ TỊCH',
    signerName: person(ctx, signer),
    recipients: ['Như trên', 'Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)', 'Lưu: VT, TĐKT'],
    year: round.year,
    addressee: 'Thủ tướng Chính phủ (qua Bộ Nội vụ - Ban Thi đua - Khen thưởng Trung ương)',
    addresseeShort: 'Thủ tướng Chính phủ',
    legalBasis: basisOf(ctx, version),
    decisionsText: decisions.map((d) => `Quyết định số ${d.number} ${dateInWords(d.date)}`).join('; ') || '…',
    candidateCount: items.length,
    candidates: items.map((i, n) => ({
      stt: n + 1,
      unitName: unitName(i),
      proposedBy: proposedBy(ctx, i),
      votesText: i.council ? `${i.council.votesFor} (cần ${i.council.required})` : '',
      decision: i.decision ? `${i.decision.number} ngày ${shortDate(i.decision.date)}` : '',
    })),
    hasResends: submission.sends.length > 1,
    resendsText: submission.returns.map((r, n) => `lần ${n + 1} ngày ${shortDate(r.returnedOn)}: ${r.reason}`).join('; '),
  });
}
