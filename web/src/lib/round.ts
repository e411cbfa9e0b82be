import type { Ok } from '../api/endpoints';
import type { AwardType, NomineeStatus } from '../api/types';
import { AWARD_LABELS } from './labels';

/**
 * The round as GET /v1/rounds/{roundId} answers it. Its OpenAPI document describes the line items, sessions,
 * decisions and submissions as free-form objects (they grow with the round), so their fields are named here, as the
 * workflow's RoundView (src/domain/round/types.ts) has them; the scalar fields still come from the generated schema.
 */
export interface RoundItem {
  id: string;
  source: 'BLOC' | 'DIRECT';
  cycleId?: string;
  blocCode?: string;
  proposer?: string;
  unitCode: string;
  unitName?: string;
  award: AwardType;
  awardName?: string;
  ballotVotes?: number;
  status: NomineeStatus;
  appraisal?: { recommend: boolean; note?: string; by: string };
  council?: { sessionId: string; votesFor: number; votesAgainst: number; invalid: number; required: number; passed: boolean };
  decision?: { approve: boolean; number: string; date: string; reason?: string };
  central?: { approve: boolean; number: string; date: string; reason?: string; submissionId: string };
  reason?: string;
}

export interface CouncilMemberRef {
  memberId: string;
  name: string;
  title?: string;
  councilRole: CouncilRole;
}

export type CouncilRole = 'CHU_TICH' | 'PHO_CHU_TICH' | 'UY_VIEN' | 'THU_KY';

export interface SessionVote {
  itemId: string;
  votesFor: number;
  votesAgainst: number;
  invalid: number;
  required: number;
  passed: boolean;
  reason?: string;
}

export interface CouncilSession {
  id: string;
  sessionDate: string;
  status: 'OPEN' | 'ADJOURNED' | 'CLOSED';
  members: CouncilMemberRef[];
  present: string[];
  writtenVotes: string[];
  quorum: { required: number; present: number; base: number; ratio: number; met: boolean };
  votes: SessionVote[];
  adjournReason?: string;
}

export interface RoundDecision {
  number: string;
  date: string;
  itemIds: string[];
  approved: number;
  rejected: number;
}

export interface UpwardSubmission {
  id: string;
  toTrinh: { number: string; date: string };
  itemIds: string[];
  status: 'SENT' | 'RETURNED' | 'DECIDED';
  sentOn: string;
  sends: { sentOn: string; toTrinh: { number: string; date: string } }[];
  returns: { reason: string; returnedOn: string; by: string }[];
}

export interface AwardGroup {
  award: AwardType;
  target?: number;
  proposed: number;
  approved: number;
}

type Detail = Ok<'/v1/rounds/{roundId}', 'get'>;

export type Round = Omit<Detail, 'items' | 'appraisal' | 'sessions' | 'decisions' | 'submissions' | 'groups'> & {
  items: RoundItem[];
  appraisal: {
    status: 'PENDING' | 'RETURNED';
    returns: { reason: string; by: string; at: string }[];
    approvals: { by: string; on: string; itemIds: string[] }[];
  };
  sessions: CouncilSession[];
  decisions: RoundDecision[];
  submissions: UpwardSubmission[];
  groups: AwardGroup[];
};

export const asRound = (detail: Detail): Round => detail as unknown as Round;

export const COUNCIL_ROLE_LABELS: Record<CouncilRole, string> = {
  CHU_TICH: 'Chủ tịch Hội đồng',
  PHO_CHU_TICH: 'Phó Chủ tịch Hội đồng',
  UY_VIEN: 'Ủy viên',
  THU_KY: 'Thư ký Hội đồng',
};

export const SESSION_STATUS_LABELS: Record<CouncilSession['status'], string> = {
  OPEN: 'Đang họp',
  ADJOURNED: 'Đã hoãn',
  CLOSED: 'Đã bế mạc',
};

export const SUBMISSION_STATUS_LABELS: Record<UpwardSubmission['status'], string> = {
  SENT: 'Đã gửi, chờ Trung ương',
  RETURNED: 'Bị trả lại để bổ sung',
  DECIDED: 'Trung ương đã quyết định',
};

export const awardName = (item: Pick<RoundItem, 'award' | 'awardName'>): string => item.awardName ?? AWARD_LABELS[item.award];

/** Where an item came from: its bloc's name, or the agency that proposed it directly. */
export function originOf(item: RoundItem, blocNames: Map<string, string>): string {
  if (item.source === 'DIRECT') return `Đề nghị trực tiếp: ${item.proposer ?? ''}`;
  return item.blocCode ? (blocNames.get(item.blocCode) ?? item.blocCode) : '';
}

export const itemLabel = (item: RoundItem): string => `${item.unitName ?? item.unitCode} – ${awardName(item)}`;

/** "Phiên họp thứ 2" for S2. */
export const sessionLabel = (id: string): string => `Phiên họp thứ ${id.replace(/^S/, '')}`;
