import { NomineeStatus, type Nominee } from '../shared/cycle-types';
import { AwardType } from '../shared/rules';

/**
 * The board's reading of the nominations (đề nghị khen thưởng): where each stands (stage), how it ended (outcome),
 * the reasons given against it, and the totals per group. Pure: the API's list, its report and its workbook all count
 * with these, so their numbers cannot disagree.
 */

export type NominationStage = 'PROPOSAL' | 'APPRAISAL' | 'COUNCIL' | 'DECISION';
export type NominationOutcome = 'PENDING' | 'AWARDED' | 'FORWARDED' | 'REFUSED';
export type NominationSource = 'BLOC' | 'DIRECT';
export type ReasonStage = 'APPRAISAL' | 'COUNCIL' | 'DECISION' | 'OTHER';

export const NOMINATION_STAGES: readonly NominationStage[] = ['PROPOSAL', 'APPRAISAL', 'COUNCIL', 'DECISION'];
export const NOMINATION_OUTCOMES: readonly NominationOutcome[] = ['PENDING', 'AWARDED', 'FORWARDED', 'REFUSED'];
export const NOMINATION_SOURCES: readonly NominationSource[] = ['BLOC', 'DIRECT'];
export const NOMINEE_STATUSES: readonly NomineeStatus[] = Object.values(NomineeStatus);

const STAGE_OF: Record<NomineeStatus, NominationStage> = {
  PROPOSED: 'PROPOSAL',
  IN_APPRAISAL: 'APPRAISAL',
  NOT_RECOMMENDED: 'APPRAISAL',
  AWAITING_COUNCIL: 'COUNCIL',
  COUNCIL_REJECTED: 'COUNCIL',
  AWAITING_DECISION: 'DECISION',
  APPROVED: 'DECISION',
  FORWARDED: 'DECISION',
  REJECTED: 'DECISION',
};

const OUTCOME_OF: Record<NomineeStatus, NominationOutcome> = {
  PROPOSED: 'PENDING',
  IN_APPRAISAL: 'PENDING',
  AWAITING_COUNCIL: 'PENDING',
  AWAITING_DECISION: 'PENDING',
  NOT_RECOMMENDED: 'REFUSED',
  COUNCIL_REJECTED: 'REFUSED',
  REJECTED: 'REFUSED',
  APPROVED: 'AWARDED',
  FORWARDED: 'FORWARDED',
};

export const stageOf = (status: string): NominationStage => STAGE_OF[status as NomineeStatus] ?? 'PROPOSAL';
export const outcomeOf = (status: string): NominationOutcome => OUTCOME_OF[status as NomineeStatus] ?? 'PENDING';
export const statusesAt = (stage: NominationStage): NomineeStatus[] => NOMINEE_STATUSES.filter((s) => STAGE_OF[s] === stage);
export const statusesWith = (outcome: NominationOutcome): NomineeStatus[] =>
  NOMINEE_STATUSES.filter((s) => OUTCOME_OF[s] === outcome);

export const STATUS_VI: Record<NomineeStatus, string> = {
  PROPOSED: 'Đã đề nghị',
  IN_APPRAISAL: 'Đang thẩm định',
  NOT_RECOMMENDED: 'Không được đề xuất qua thẩm định',
  AWAITING_COUNCIL: 'Chờ Hội đồng bỏ phiếu',
  COUNCIL_REJECTED: 'Hội đồng không thông qua',
  AWAITING_DECISION: 'Chờ Chủ tịch quyết định',
  APPROVED: 'Được khen thưởng',
  FORWARDED: 'Đã trình Thủ tướng Chính phủ',
  REJECTED: 'Không được khen thưởng',
};

export const OUTCOME_VI: Record<NominationOutcome, string> = {
  PENDING: 'Đang xét',
  AWARDED: 'Được khen thưởng',
  FORWARDED: 'Đã trình cấp trên',
  REFUSED: 'Không được khen thưởng',
};

export const SOURCE_VI: Record<NominationSource, string> = {
  BLOC: 'Khối, cụm thi đua đề nghị',
  DIRECT: 'Cơ quan, đơn vị đề nghị trực tiếp',
};

export const AWARD_VI: Record<AwardType, string> = {
  CO_THI_DUA_TINH: 'Cờ thi đua của UBND tỉnh',
  BANG_KHEN_CHU_TICH: 'Bằng khen của Chủ tịch UBND tỉnh',
  CO_THI_DUA_CHINH_PHU: 'Cờ thi đua của Chính phủ',
};

/** The group of nominations outside any bloc (DIRECT proposals), in the per-bloc totals. */
export const NO_BLOC_VI = 'Ngoài khối, cụm (đề nghị trực tiếp)';

export interface NominationReason {
  stage: ReasonStage;
  text: string;
}

/** What of a nominee its reasons come from: the cycle's own stages, and what the province round told it. */
export type ReasonSource = Pick<Nominee, 'appraisal' | 'council' | 'decision'> & Partial<Pick<Nominee, 'status' | 'round'>>;

/**
 * Every reason given against a nominee, in the order of its stages: the appraisal's note when it was not recommended
 * (also where the bloc's or the board's refusal of the dossier put it), the council's vote below its threshold, the
 * chairman's rejection, the central decision's. A nominee the province round decided carries the round's reason
 * (`round.reason`: the board's note, the council's stated reason, the centre's), which is the reason of its stage; a
 * line made up from the council's counts would contradict the council's own words. `stored`: the read model's latest
 * reason (a round's, for items the cycle does not hold), added when none of these says it.
 */
export function reasonsOf(nominee: ReasonSource | undefined, stored?: string | null) {
  const reasons: NominationReason[] = [];
  const text = (s: string | undefined) => (s?.trim() ? s.trim().normalize('NFC') : undefined);
  const fromRound = text(nominee?.round?.reason);
  if (nominee?.appraisal && !nominee.appraisal.recommend)
    reasons.push({ stage: 'APPRAISAL', text: text(nominee.appraisal.note) ?? 'Không được đề nghị qua thẩm định' });
  else if (nominee?.status === NomineeStatus.NOT_RECOMMENDED && fromRound) reasons.push({ stage: 'APPRAISAL', text: fromRound });
  if (nominee?.council && !nominee.council.passed)
    reasons.push({
      stage: 'COUNCIL',
      text:
        nominee.status === NomineeStatus.COUNCIL_REJECTED && fromRound
          ? fromRound
          : `Hội đồng Thi đua – Khen thưởng tỉnh: ${nominee.council.votesFor} phiếu tán thành, cần ${nominee.council.required}`.normalize(
              'NFC',
            ),
    });
  if (nominee?.decision && !nominee.decision.approve)
    reasons.push({
      stage: 'DECISION',
      text: text(nominee.decision.reason) ?? `Không được khen thưởng theo Quyết định ${nominee.decision.number}`,
    });
  const central = nominee?.round?.central;
  if (central && !central.approve)
    reasons.push({ stage: 'DECISION', text: text(central.reason) ?? `Không được khen thưởng theo Quyết định ${central.number}` });
  const latest = text(stored ?? undefined);
  if (latest && !reasons.some((r) => r.text === latest)) reasons.push({ stage: 'OTHER', text: latest });
  return reasons;
}

/** The reason stored with a nomination: the latest of its reasons (see reasonsOf). */
export function latestReason(nominee: ReasonSource): string | null {
  const reasons = reasonsOf(nominee);
  return reasons.length > 0 ? reasons[reasons.length - 1].text : null;
}

export type ReportGrouping = 'bloc' | 'award' | 'status' | 'unit';
export const REPORT_GROUPINGS: readonly ReportGrouping[] = ['bloc', 'award', 'status', 'unit'];

/** What a report row needs of a nomination. */
export interface CountedNomination {
  blocCode: string | null;
  blocName: string | null;
  unitCode: string;
  unitName: string;
  award: string;
  awardName: string;
  status: string;
}

export interface ReportGroup {
  key: string;
  name: string;
  total: number;
  outcomes: Record<NominationOutcome, number>;
}

const zeroOutcomes = (): Record<NominationOutcome, number> => ({ PENDING: 0, AWARDED: 0, FORWARDED: 0, REFUSED: 0 });

function keyOf(row: CountedNomination, by: ReportGrouping): { key: string; name: string } {
  switch (by) {
    case 'bloc':
      return row.blocCode ? { key: row.blocCode, name: row.blocName ?? row.blocCode } : { key: '', name: NO_BLOC_VI };
    case 'award':
      return { key: row.award, name: row.awardName };
    case 'status':
      return { key: row.status, name: STATUS_VI[row.status as NomineeStatus] ?? row.status };
    case 'unit':
      return { key: row.unitCode, name: row.unitName };
    default: {
      const unreachable: never = by;
      throw new Error(`unknown grouping ${String(unreachable)}`);
    }
  }
}

const STATUS_ORDER = new Map<string, number>(NOMINEE_STATUSES.map((s, i) => [s, i]));
const AWARD_ORDER = new Map<string, number>(Object.values(AwardType).map((a, i) => [a, i]));

/**
 * The groups of one grouping, each with its count per outcome, and the totals row; every nomination is in exactly one
 * group, so the groups add up to the totals row and the totals row to the rows.
 */
export function groupNominations(rows: readonly CountedNomination[], by: ReportGrouping) {
  const groups = new Map<string, ReportGroup>();
  const totals: ReportGroup = { key: '*', name: 'Tổng cộng', total: 0, outcomes: zeroOutcomes() };
  for (const row of rows) {
    const { key, name } = keyOf(row, by);
    const group = groups.get(key) ?? { key, name, total: 0, outcomes: zeroOutcomes() };
    groups.set(key, group);
    const outcome = outcomeOf(row.status);
    group.total += 1;
    group.outcomes[outcome] += 1;
    totals.total += 1;
    totals.outcomes[outcome] += 1;
  }
  const order = (g: ReportGroup): [number, string] => {
    if (by === 'status') return [STATUS_ORDER.get(g.key) ?? 99, ''];
    if (by === 'award') return [AWARD_ORDER.get(g.key) ?? 99, ''];
    return [g.key === '' ? 1 : 0, g.name];
  };
  const sorted = [...groups.values()].sort((a, b) => {
    const [x, xs] = order(a);
    const [y, ys] = order(b);
    return x - y || xs.localeCompare(ys, 'vi') || a.key.localeCompare(b.key);
  });
  return { groups: sorted, totals };
}
