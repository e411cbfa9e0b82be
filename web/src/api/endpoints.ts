import { api, download, newRequestId, upload, type ActingRole } from './client';
import type {
  WorkbookApplied,
  WorkbookPreview,
  ApprovalDecision,
  AssessmentView,
  AwardType,
  BlocView,
  BulkResult,
  ChainVerification,
  ChainView,
  Criterion,
  CriterionScore,
  CycleMode,
  CycleSummary,
  CycleView,
  HistoryView,
  InboxItem,
  IncidentView,
  LateUnit,
  Me,
  NominationView,
  Phase,
  Role,
  RuleSetView,
  TieItem,
  TimelineView,
  UnitAwards,
  UserView,
  RoleGrantView,
  OrgBloc,
  OrgMembership,
  OrgProvince,
  OrgUnit,
  Paged,
} from './types';

/** One function per API call the pages make; decisions carry a fresh x-request-id unless given one. */

const q = (params: Record<string, string | number | boolean | undefined>): string => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '');
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
};
const enc = encodeURIComponent;
const cyclePath = (cycleId: string, rest = '') => `/v1/cycles/${enc(cycleId)}${rest}`;

function decide<T>(path: string, body: unknown = {}, requestId = newRequestId()): Promise<T> {
  return api<T>('POST', path, body, { requestId });
}

// ---- identity ----

export const getMe = (acting?: ActingRole | null) =>
  api<Me>('GET', '/v1/auth/me', undefined, acting === undefined ? {} : { acting });

// ---- reads ----

export const listCycles = (
  filter: { provinceCode?: string; year?: number; phase?: Phase; status?: 'ACTIVE' | 'COMPLETED' } = {},
) => api<CycleSummary[]>('GET', `/v1/cycles${q(filter)}`);
export const getCycle = (cycleId: string) => api<CycleView>('GET', cyclePath(cycleId));
export const getLateUnits = (cycleId: string) => api<LateUnit[]>('GET', cyclePath(cycleId, '/late-units'));
export const getAssessment = (cycleId: string, unitCode: string) =>
  api<AssessmentView>('GET', cyclePath(cycleId, `/units/${enc(unitCode)}/assessment`));
export const getTimeline = (cycleId: string, unitCode?: string) =>
  api<TimelineView>('GET', cyclePath(cycleId, `/timeline${q({ unitCode })}`));
export const getHistory = (cycleId: string) => api<HistoryView>('GET', cyclePath(cycleId, '/history'));
export const listNominations = (filter: { provinceCode?: string; year?: number; status?: string; award?: string }) =>
  api<NominationView[]>('GET', `/v1/nominations${q(filter)}`);
export const getUnitAwards = (unitCode: string) => api<UnitAwards>('GET', `/v1/units/${enc(unitCode)}/awards`);
export const listBlocs = (provinceCode?: string) => api<BlocView[]>('GET', `/v1/blocs${q({ provinceCode })}`);
export const verifyAudit = () => api<ChainVerification>('GET', '/v1/audit/verify');
export const listRuleSets = (provinceCode: string) => api<RuleSetView[]>('GET', `/v1/provinces/${enc(provinceCode)}/rule-sets`);

// ---- cycle steps ----

export const startCycle = (body: { provinceCode: string; blocCode: string; year: number; mode: CycleMode }) =>
  decide<CycleView>('/v1/cycles', body);

export interface LaunchBody {
  plan: string;
  pledgeText: string;
  criteria: Criterion[];
  pledgeDeadline?: string;
  selfAssessmentDeadline?: string;
  occurredOn?: string;
}
/** RECORD cycles: the day a step happened on paper (YYYY-MM-DD); left out in a LIVE cycle. */
const dated = (occurredOn?: string) => (occurredOn ? { occurredOn } : {});
export const launchCycle = (cycleId: string, body: LaunchBody) => decide(cyclePath(cycleId, '/launch'), body);
export const signPledge = (cycleId: string, occurredOn?: string) => decide(cyclePath(cycleId, '/pledges'), dated(occurredOn));
/** RECORD cycles: the Trưởng khối closes the pledge phase after its deadline on paper. */
export const closePledges = (cycleId: string, occurredOn?: string) =>
  decide(cyclePath(cycleId, '/pledges/close'), dated(occurredOn));
export const submitAssessment = (cycleId: string, unitCode: string, scores: CriterionScore[], occurredOn?: string) =>
  decide(cyclePath(cycleId, `/units/${enc(unitCode)}/assessment`), { scores, ...dated(occurredOn) });
export const approveAssessment = (
  cycleId: string,
  unitCode: string,
  body: ({ decision: 'APPROVE' } | { decision: 'RETURN'; reason: string }) & { occurredOn?: string } = { decision: 'APPROVE' },
) => decide(cyclePath(cycleId, `/units/${enc(unitCode)}/assessment/approval`), body);
export const reviewAssessment = (
  cycleId: string,
  unitCode: string,
  body: { decision: 'ACCEPT' | 'RETURN'; reason?: string; verifiedScores?: CriterionScore[]; occurredOn?: string },
) => decide(cyclePath(cycleId, `/units/${enc(unitCode)}/assessment/review`), body);
export const closeSelfAssessment = (cycleId: string, occurredOn?: string) =>
  decide(cyclePath(cycleId, '/self-assessment/close'), dated(occurredOn));
export const openConference = (cycleId: string, body: { heldOn: string; location?: string; presentUnits: string[] }) =>
  decide(cyclePath(cycleId, '/conference'), body);
export const openBallot = (
  cycleId: string,
  body: {
    candidates: Partial<Record<AwardType, string[]>>;
    leaderCandidates: string[];
    deputyCandidates: string[];
    /** The teller key's public part (SPKI, base64); its private part stays on the opener's device. */
    tellerKey: string;
  },
) => decide(cyclePath(cycleId, '/ballot'), body);
/** A vote: the request id and receipt secret come from the voter's device and are reused for a retry. */
export const castBallot = (
  cycleId: string,
  body: { choices: Partial<Record<AwardType, string[]>>; nextLeader?: string; nextDeputy?: string; receiptSecret: string },
  requestId: string,
) => decide<CycleView & { receipt: string }>(cyclePath(cycleId, '/ballot/votes'), body, requestId);
/** The count: the teller's private key opens the sealed papers on the server, in memory only. */
export const closeBallot = (cycleId: string, tellerPrivateKey: string) =>
  decide(cyclePath(cycleId, '/ballot/close'), { tellerPrivateKey });
/** Re-runs the open round under a new teller key when the old one is lost; the round's papers are discarded. */
export const restartBallot = (cycleId: string, body: { reason: string; tellerKey: string }) =>
  decide(cyclePath(cycleId, '/ballot/restart'), body);
export const decideTie = (cycleId: string, body: { item: TieItem; chosen: string[] }) =>
  decide(cyclePath(cycleId, '/ballot/tie-decision'), body);
export const submitDossier = (
  cycleId: string,
  body: {
    toTrinh: { number: string; date: string; documentRef: string };
    achievementReports: { unitCode: string; title: string; documentRef: string }[];
  },
) => decide(cyclePath(cycleId, '/dossier'), body);
export const reviewDossier = (
  cycleId: string,
  body: { decision: 'ACCEPT' | 'RETURN'; reason?: string; completeOn?: string; occurredOn?: string },
) => decide(cyclePath(cycleId, '/dossier/review'), body);
export const appraise = (
  cycleId: string,
  opinions: { nomineeId: string; recommend: boolean; note?: string }[],
  occurredOn?: string,
) => decide(cyclePath(cycleId, '/appraisal'), { opinions, ...dated(occurredOn) });
export const approveAppraisal = (
  cycleId: string,
  body: { decision: 'APPROVE' | 'RETURN'; reason?: string; occurredOn?: string },
) => decide(cyclePath(cycleId, '/appraisal/approval'), body);
export const recordCouncilVote = (
  cycleId: string,
  body: { sessionDate: string; membersTotal: number; membersPresent: number; votes: { nomineeId: string; votesFor: number }[] },
) => decide(cyclePath(cycleId, '/council-vote'), body);
export const decideAwards = (
  cycleId: string,
  body: {
    decisionNumber: string;
    decisionDate: string;
    items: { nomineeId: string; approve: boolean; reason?: string }[];
    quotaOverride?: { reason: string; documentRef: string };
  },
) => decide(cyclePath(cycleId, '/decisions'), body);
export const approveLeadership = (cycleId: string, body: { decisionRef: string; occurredOn?: string }) =>
  decide(cyclePath(cycleId, '/leadership/approval'), body);

// ---- inbox, approval chains, delegation, incidents ----

export interface InboxFilter {
  cycleId?: string;
  provinceCode?: string;
  blocCode?: string;
  phase?: Phase;
  overdue?: boolean;
  dueBefore?: string;
}
export const getInbox = (filter: InboxFilter) => api<{ items: InboxItem[] }>('GET', `/v1/inbox${q({ ...filter })}`);
export const getChain = (chainId: string) => api<ChainView>('GET', `/v1/approvals/${enc(chainId)}`);
export const decideChain = (chainId: string, body: { decision: ApprovalDecision; itemIds: string[]; reason?: string }) =>
  decide(`/v1/approvals/${enc(chainId)}/decisions`, body);
export const resubmitChain = (chainId: string, body: { itemIds: string[]; note?: string }) =>
  decide<ChainView>(`/v1/approvals/${enc(chainId)}/resubmit`, body);
export const decideBulk = (decisions: { chainId: string; itemIds: string[]; decision: ApprovalDecision; reason?: string }[]) =>
  decide<BulkResult>('/v1/approvals/bulk', { decisions });
export const delegate = (body: {
  toUsername: string;
  validFrom: string;
  validTo: string;
  kind: 'DELEGATION' | 'OUT_OF_OFFICE';
  reason: string;
}) => api('POST', '/v1/delegations', body);
export interface DelegationView {
  id: string;
  fromUser: string;
  toUser: string;
  validFrom: string;
  validTo: string;
  kind: 'DELEGATION' | 'OUT_OF_OFFICE';
  reason: string;
  endedAt: string | null;
}
export const listDelegations = () => api<DelegationView[]>('GET', '/v1/delegations');
export const endDelegation = (id: string) => api<DelegationView>('POST', `/v1/delegations/${enc(id)}/end`);
export const listIncidents = (open = true) => api<IncidentView[]>('GET', `/v1/incidents${q({ open })}`);

// ---- administration ----

export const listUsers = () => api<UserView[]>('GET', '/v1/admin/users');
export const createUser = (body: { username: string; displayName: string; password: string }) =>
  api<UserView>('POST', '/v1/admin/users', body);
export const assignRole = (
  userId: string,
  body: { role: Role; provinceCode?: string; unitCode?: string; reason?: string },
): Promise<UserView> => api<UserView>('POST', `/v1/admin/users/${enc(userId)}/roles`, body);
export const updateUser = (
  userId: string,
  body: { displayName?: string; disabled?: boolean; password?: string; unlock?: true },
): Promise<UserView> => api<UserView>('PATCH', `/v1/admin/users/${enc(userId)}`, body);
export const endRole = (userId: string, assignmentId: string, body: { reason: string; validTo?: string }): Promise<UserView> =>
  api<UserView>('POST', `/v1/admin/users/${enc(userId)}/roles/${enc(assignmentId)}/end`, body);
/** Grants of deciding roles proposed by one admin, awaiting another (two-person rule). */
export const listPendingGrants = () => api<RoleGrantView[]>('GET', '/v1/admin/role-grants');
export const approveGrant = (grantId: string): Promise<UserView> =>
  api<UserView>('POST', `/v1/admin/role-grants/${enc(grantId)}/approve`);
export const refuseGrant = (grantId: string, reason: string): Promise<UserView> =>
  api<UserView>('POST', `/v1/admin/role-grants/${enc(grantId)}/refuse`, { reason });

/** A rule set as the API stores it (GET): the editable body plus its audit fields. */
export type StoredRuleSet = RuleSetView & { createdAt: string; createdBy: string; rules: Record<string, unknown> };
export interface RuleSetBody {
  provinceCode?: string;
  version?: string;
  legalBasis: string[];
  validFrom: string;
  validTo: string | null;
  rules: Record<string, unknown>;
  /** On an edit: the revision it was made from; a newer one answers 409 RULE_SET_CHANGED. */
  revision?: number;
}
export const getRuleSet = (provinceCode: string, version: string) =>
  api<StoredRuleSet>('GET', `/v1/provinces/${enc(provinceCode)}/rule-sets/${enc(version)}`);
export const updateRuleSet = (provinceCode: string, version: string, body: RuleSetBody) =>
  api<RuleSetView>('PUT', `/v1/provinces/${enc(provinceCode)}/rule-sets/${enc(version)}`, body);
export const createRuleSet = (provinceCode: string, body: RuleSetBody & { version: string }) =>
  api<RuleSetView>('POST', `/v1/provinces/${enc(provinceCode)}/rule-sets`, body);

// ---- approval chains: reassignment, comments, evidence, withdrawal ----

export const reassignChain = (chainId: string, body: { levelCode: string; toUsername: string; reason: string }) =>
  decide<ChainView>(`/v1/approvals/${enc(chainId)}/reassign`, body);
export const commentChain = (chainId: string, body: { text: string; itemIds?: string[] }) =>
  decide<ChainView>(`/v1/approvals/${enc(chainId)}/comments`, body);
export const attachChainEvidence = (
  chainId: string,
  body: { references: { title: string; url: string }[]; itemIds?: string[] },
) => decide<ChainView>(`/v1/approvals/${enc(chainId)}/evidence`, body);
export const withdrawChain = (chainId: string, body: { itemIds: string[]; reason?: string }) =>
  decide<ChainView>(`/v1/approvals/${enc(chainId)}/withdraw`, body);

// ---- cross-scoring (the head of a unit assigned to score another) ----

export const crossScore = (cycleId: string, unitCode: string, scores: CriterionScore[], occurredOn?: string) =>
  decide(cyclePath(cycleId, `/units/${enc(unitCode)}/assessment/cross-scores`), { scores, ...dated(occurredOn) });

// ---- organisation (master data of a province) ----

const orgPath = (provinceCode: string, rest = '') => `/v1/provinces/${enc(provinceCode)}${rest}`;

export const listProvinces = () => api<Paged<OrgProvince>>('GET', '/v1/provinces');
export const listOrgBlocs = (provinceCode: string) => api<Paged<OrgBloc>>('GET', orgPath(provinceCode, '/blocs'));
export const listOrgUnits = (provinceCode: string, filter: { q?: string; includeEnded?: boolean; blocCode?: string } = {}) =>
  api<Paged<OrgUnit>>('GET', orgPath(provinceCode, `/units${q(filter)}`));
export const getOrgUnit = (provinceCode: string, unitCode: string) =>
  api<OrgUnit>('GET', orgPath(provinceCode, `/units/${enc(unitCode)}`));
export const createOrgBloc = (provinceCode: string, body: Record<string, unknown>) =>
  api<OrgBloc>('POST', orgPath(provinceCode, '/blocs'), body);
export const endOrgBloc = (provinceCode: string, blocCode: string, toYear: number) =>
  api<OrgBloc>('POST', orgPath(provinceCode, `/blocs/${enc(blocCode)}/end`), { toYear });
export const createOrgUnit = (provinceCode: string, body: Record<string, unknown>) =>
  api<OrgUnit>('POST', orgPath(provinceCode, '/units'), body);
export const updateOrgUnit = (provinceCode: string, unitCode: string, body: Record<string, unknown>) =>
  api<OrgUnit>('PATCH', orgPath(provinceCode, `/units/${enc(unitCode)}`), body);
export const endOrgUnit = (provinceCode: string, unitCode: string, body: { on: string; successorCode?: string }) =>
  api<OrgUnit>('POST', orgPath(provinceCode, `/units/${enc(unitCode)}/end`), body);
export const addOrgMembership = (
  provinceCode: string,
  blocCode: string,
  body: { unitCode: string; validFrom: string; endCurrent?: boolean },
) => api<OrgMembership>('POST', orgPath(provinceCode, `/blocs/${enc(blocCode)}/memberships`), body);

// The organisation workbook (Excel import and export) and the invitations of the accounts it creates.
const workbookPath = (provinceCode: string, rest: string) => `/v1/provinces/${encodeURIComponent(provinceCode)}/workbook${rest}`;
export const downloadWorkbookTemplate = (provinceCode: string) =>
  download(workbookPath(provinceCode, '/template'), 'mau-to-chuc.xlsx');
export const downloadWorkbookExport = (provinceCode: string) =>
  download(workbookPath(provinceCode, '/export'), `to-chuc-${provinceCode}.xlsx`);
export const downloadWorkbookProblems = (provinceCode: string, previewToken: string) =>
  download(workbookPath(provinceCode, `/previews/${previewToken}/problems`), `loi-nhap-${provinceCode}.xlsx`);
export const previewWorkbook = (provinceCode: string, file: File, onProgress: (sent: number, total: number) => void) =>
  upload<WorkbookPreview>(workbookPath(provinceCode, '/preview'), file, onProgress);
export const applyWorkbook = (provinceCode: string, previewToken: string) =>
  api<WorkbookApplied>('POST', workbookPath(provinceCode, '/apply'), { previewToken });
export const acceptInvitation = (token: string, password: string) =>
  api<{ username: string }>('POST', '/v1/invitations/accept', { token, password }, { acting: null });
