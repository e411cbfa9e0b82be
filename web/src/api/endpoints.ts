import { adoptSession, api, download, fetchBlob, newRequestId, upload, type ActingRole } from './client';
import type { paths } from './types';

/**
 * One function per API call the pages make; decisions carry a fresh x-request-id unless given one. Every answer and
 * body is typed from the generated `paths` of the API's OpenAPI document: a route the server renames or a field it
 * changes fails the type check here or in the page that reads it.
 */
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Json<A> = A extends { content: { 'application/json': infer T } } ? T : never;
type Responses<P extends keyof paths, M extends Method> = Operation<P, M> extends { responses: infer R } ? R : never;
type Answer<R, S extends number> = S extends keyof R ? Json<R[S]> : never;
/** The JSON of the operation's success (200 or 201). */
export type Ok<P extends keyof paths, M extends Method> = Answer<Responses<P, M>, 200> | Answer<Responses<P, M>, 201>;
/** The operation's JSON body. */
export type Body<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
/** The operation's query parameters. */
/** The operation's query parameters; a "true"/"false" flag may be given as a boolean (the URL carries it as text). */
type Query<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Q } }
    ? {
        [K in keyof NonNullable<Q>]: NonNullable<Q>[K] extends 'true' | 'false' | undefined
          ? boolean | NonNullable<Q>[K]
          : NonNullable<Q>[K];
      }
    : never;

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
  api<Ok<'/v1/auth/me', 'get'>>('GET', '/v1/auth/me', undefined, acting === undefined ? {} : { acting });

// ---- reads ----

export const listCycles = (filter: Query<'/v1/cycles', 'get'> = {}) =>
  api<Ok<'/v1/cycles', 'get'>>('GET', `/v1/cycles${q(filter)}`);
/** The cycle; with `wait`, the server answers once it shows a change after `wait.after` (or after the seconds). */
export const getCycle = (cycleId: string, wait?: { after: number; seconds: number }) =>
  api<Ok<'/v1/cycles/{cycleId}', 'get'>>(
    'GET',
    cyclePath(cycleId, wait ? `?after=${wait.after}&waitSeconds=${wait.seconds}` : ''),
  );
export const getLateUnits = (cycleId: string) =>
  api<Ok<'/v1/cycles/{cycleId}/late-units', 'get'>>('GET', cyclePath(cycleId, '/late-units'));
export const getAssessment = (cycleId: string, unitCode: string) =>
  api<Ok<'/v1/cycles/{cycleId}/units/{unitCode}/assessment', 'get'>>(
    'GET',
    cyclePath(cycleId, `/units/${enc(unitCode)}/assessment`),
  );
export const getTimeline = (cycleId: string, unitCode?: string) =>
  api<Ok<'/v1/cycles/{cycleId}/timeline', 'get'>>('GET', cyclePath(cycleId, `/timeline${q({ unitCode })}`));
export const getHistory = (cycleId: string) =>
  api<Ok<'/v1/cycles/{cycleId}/history', 'get'>>('GET', cyclePath(cycleId, '/history'));
export const listNominations = (filter: Query<'/v1/nominations', 'get'>) =>
  api<Ok<'/v1/nominations', 'get'>>('GET', `/v1/nominations${q(filter)}`);
export const getUnitAwards = (unitCode: string) =>
  api<Ok<'/v1/units/{unitCode}/awards', 'get'>>('GET', `/v1/units/${enc(unitCode)}/awards`);
export const getUnitNominations = (unitCode: string) =>
  api<Ok<'/v1/units/{unitCode}/nominations', 'get'>>('GET', `/v1/units/${enc(unitCode)}/nominations`);
export const listBlocs = (provinceCode?: string) => api<Ok<'/v1/blocs', 'get'>>('GET', `/v1/blocs${q({ provinceCode })}`);
export const verifyAudit = () => api<Ok<'/v1/audit/verify', 'get'>>('GET', '/v1/audit/verify');
export const listRuleSets = (provinceCode: string) =>
  api<Ok<'/v1/provinces/{provinceCode}/rule-sets', 'get'>>('GET', `/v1/provinces/${enc(provinceCode)}/rule-sets`);

// ---- cycle steps ----

export const startCycle = (body: Body<'/v1/cycles', 'post'>) => decide<Ok<'/v1/cycles', 'post'>>('/v1/cycles', body);

export type LaunchBody = Body<'/v1/cycles/{cycleId}/launch', 'post'>;
/** RECORD cycles: the day a step happened on paper (YYYY-MM-DD); left out in a LIVE cycle. */
const dated = (occurredOn?: string) => (occurredOn ? { occurredOn } : {});
type Scores = Body<'/v1/cycles/{cycleId}/units/{unitCode}/assessment', 'post'>['scores'];
export const launchCycle = (cycleId: string, body: LaunchBody) => decide(cyclePath(cycleId, '/launch'), body);
export const signPledge = (cycleId: string, occurredOn?: string) => decide(cyclePath(cycleId, '/pledges'), dated(occurredOn));
/** RECORD cycles: the Trưởng khối closes the pledge phase after its deadline on paper. */
export const closePledges = (cycleId: string, occurredOn?: string) =>
  decide(cyclePath(cycleId, '/pledges/close'), dated(occurredOn));
export const submitAssessment = (cycleId: string, unitCode: string, scores: Scores, occurredOn?: string) =>
  decide(cyclePath(cycleId, `/units/${enc(unitCode)}/assessment`), { scores, ...dated(occurredOn) });
export const approveAssessment = (
  cycleId: string,
  unitCode: string,
  body: Body<'/v1/cycles/{cycleId}/units/{unitCode}/assessment/approval', 'post'> = { decision: 'APPROVE' },
) => decide(cyclePath(cycleId, `/units/${enc(unitCode)}/assessment/approval`), body);
export const reviewAssessment = (
  cycleId: string,
  unitCode: string,
  body: Body<'/v1/cycles/{cycleId}/units/{unitCode}/assessment/review', 'post'>,
) => decide(cyclePath(cycleId, `/units/${enc(unitCode)}/assessment/review`), body);
export const closeSelfAssessment = (cycleId: string, occurredOn?: string) =>
  decide(cyclePath(cycleId, '/self-assessment/close'), dated(occurredOn));
export const openConference = (cycleId: string, body: Body<'/v1/cycles/{cycleId}/conference', 'post'>) =>
  decide(cyclePath(cycleId, '/conference'), body);
/** The teller key's public part (SPKI, base64) travels in the body; its private part stays on the opener's device. */
export const openBallot = (cycleId: string, body: Body<'/v1/cycles/{cycleId}/ballot', 'post'>) =>
  decide(cyclePath(cycleId, '/ballot'), body);
/** A vote: the request id and receipt secret come from the voter's device and are reused for a retry. */
export const castBallot = (cycleId: string, body: Body<'/v1/cycles/{cycleId}/ballot/votes', 'post'>, requestId: string) =>
  decide<Ok<'/v1/cycles/{cycleId}/ballot/votes', 'post'>>(cyclePath(cycleId, '/ballot/votes'), body, requestId);
/** The count: the teller's private key opens the sealed papers on the server, in memory only. */
export const closeBallot = (cycleId: string, tellerPrivateKey: string) =>
  decide(cyclePath(cycleId, '/ballot/close'), { tellerPrivateKey } satisfies Body<'/v1/cycles/{cycleId}/ballot/close', 'post'>);
/** Re-runs the open round under a new teller key when the old one is lost; the round's papers are discarded. */
export const restartBallot = (cycleId: string, body: Body<'/v1/cycles/{cycleId}/ballot/restart', 'post'>) =>
  decide(cyclePath(cycleId, '/ballot/restart'), body);
export const decideTie = (cycleId: string, body: Body<'/v1/cycles/{cycleId}/ballot/tie-decision', 'post'>) =>
  decide(cyclePath(cycleId, '/ballot/tie-decision'), body);
export const submitDossier = (cycleId: string, body: Body<'/v1/cycles/{cycleId}/dossier', 'post'>) =>
  decide(cyclePath(cycleId, '/dossier'), body);
export const reviewDossier = (cycleId: string, body: Body<'/v1/cycles/{cycleId}/dossier/review', 'post'>) =>
  decide(cyclePath(cycleId, '/dossier/review'), body);
export const appraise = (
  cycleId: string,
  opinions: Body<'/v1/cycles/{cycleId}/appraisal', 'post'>['opinions'],
  occurredOn?: string,
) => decide(cyclePath(cycleId, '/appraisal'), { opinions, ...dated(occurredOn) });
export const approveAppraisal = (cycleId: string, body: Body<'/v1/cycles/{cycleId}/appraisal/approval', 'post'>) =>
  decide(cyclePath(cycleId, '/appraisal/approval'), body);
export const recordCouncilVote = (cycleId: string, body: Body<'/v1/cycles/{cycleId}/council-vote', 'post'>) =>
  decide(cyclePath(cycleId, '/council-vote'), body);
export const decideAwards = (cycleId: string, body: Body<'/v1/cycles/{cycleId}/decisions', 'post'>) =>
  decide(cyclePath(cycleId, '/decisions'), body);
export const approveLeadership = (cycleId: string, body: Body<'/v1/cycles/{cycleId}/leadership/approval', 'post'>) =>
  decide(cyclePath(cycleId, '/leadership/approval'), body);

// ---- inbox, approval chains, delegation, incidents ----

export type InboxFilter = Query<'/v1/inbox', 'get'>;
export const getInbox = (filter: InboxFilter) => api<Ok<'/v1/inbox', 'get'>>('GET', `/v1/inbox${q({ ...filter })}`);
export const getChain = (chainId: string) => api<Ok<'/v1/approvals/{chainId}', 'get'>>('GET', `/v1/approvals/${enc(chainId)}`);
export const decideChain = (chainId: string, body: Body<'/v1/approvals/{chainId}/decisions', 'post'>) =>
  decide(`/v1/approvals/${enc(chainId)}/decisions`, body);
export const resubmitChain = (chainId: string, body: Body<'/v1/approvals/{chainId}/resubmit', 'post'>) =>
  decide<Ok<'/v1/approvals/{chainId}/resubmit', 'post'>>(`/v1/approvals/${enc(chainId)}/resubmit`, body);
export const decideBulk = (decisions: Body<'/v1/approvals/bulk', 'post'>['decisions']) =>
  decide<Ok<'/v1/approvals/bulk', 'post'>>('/v1/approvals/bulk', { decisions });
export const delegate = (body: Body<'/v1/delegations', 'post'>) =>
  api<Ok<'/v1/delegations', 'post'>>('POST', '/v1/delegations', body);
export const getNotificationSettings = () => api<Ok<'/v1/me/notifications', 'get'>>('GET', '/v1/me/notifications');
export const putNotificationSettings = (body: Body<'/v1/me/notifications', 'put'>) =>
  api<Ok<'/v1/me/notifications', 'put'>>('PUT', '/v1/me/notifications', body);
export const listDelegations = () => api<Ok<'/v1/delegations', 'get'>>('GET', '/v1/delegations');
export const endDelegation = (id: string) =>
  api<Ok<'/v1/delegations/{delegationId}/end', 'post'>>('POST', `/v1/delegations/${enc(id)}/end`);
export const listIncidents = (open = true) => api<Ok<'/v1/incidents', 'get'>>('GET', `/v1/incidents${q({ open })}`);

// ---- administration ----

export const listUsers = () => api<Ok<'/v1/admin/users', 'get'>>('GET', '/v1/admin/users');
export const createUser = (body: Body<'/v1/admin/users', 'post'>) =>
  api<Ok<'/v1/admin/users', 'post'>>('POST', '/v1/admin/users', body);
export const assignRole = (userId: string, body: Body<'/v1/admin/users/{userId}/roles', 'post'>) =>
  api<Ok<'/v1/admin/users/{userId}/roles', 'post'>>('POST', `/v1/admin/users/${enc(userId)}/roles`, body);
export const updateUser = (userId: string, body: Body<'/v1/admin/users/{userId}', 'patch'>) =>
  api<Ok<'/v1/admin/users/{userId}', 'patch'>>('PATCH', `/v1/admin/users/${enc(userId)}`, body);
export const endRole = (
  userId: string,
  assignmentId: string,
  body: Body<'/v1/admin/users/{userId}/roles/{assignmentId}/end', 'post'>,
) =>
  api<Ok<'/v1/admin/users/{userId}/roles/{assignmentId}/end', 'post'>>(
    'POST',
    `/v1/admin/users/${enc(userId)}/roles/${enc(assignmentId)}/end`,
    body,
  );
/** Grants of deciding roles proposed by one admin, awaiting another (two-person rule). */
export const listPendingGrants = () => api<Ok<'/v1/admin/role-grants', 'get'>>('GET', '/v1/admin/role-grants');
export const approveGrant = (grantId: string) =>
  api<Ok<'/v1/admin/role-grants/{grantId}/approve', 'post'>>('POST', `/v1/admin/role-grants/${enc(grantId)}/approve`);
export const refuseGrant = (grantId: string, reason: string) =>
  api<Ok<'/v1/admin/role-grants/{grantId}/refuse', 'post'>>('POST', `/v1/admin/role-grants/${enc(grantId)}/refuse`, {
    reason,
  } satisfies Body<'/v1/admin/role-grants/{grantId}/refuse', 'post'>);

/** A rule set as the API stores it (GET): the editable body plus its audit fields. */
export type StoredRuleSet = Ok<'/v1/provinces/{provinceCode}/rule-sets/{version}', 'get'>;
export type RuleSetBody = Body<'/v1/provinces/{provinceCode}/rule-sets/{version}', 'put'>;
export const getRuleSet = (provinceCode: string, version: string) =>
  api<StoredRuleSet>('GET', `/v1/provinces/${enc(provinceCode)}/rule-sets/${enc(version)}`);
export const updateRuleSet = (provinceCode: string, version: string, body: RuleSetBody) =>
  api<Ok<'/v1/provinces/{provinceCode}/rule-sets/{version}', 'put'>>(
    'PUT',
    `/v1/provinces/${enc(provinceCode)}/rule-sets/${enc(version)}`,
    body,
  );
export const createRuleSet = (provinceCode: string, body: Body<'/v1/provinces/{provinceCode}/rule-sets', 'post'>) =>
  api<Ok<'/v1/provinces/{provinceCode}/rule-sets', 'post'>>('POST', `/v1/provinces/${enc(provinceCode)}/rule-sets`, body);

// ---- approval chains: reassignment, comments, evidence, withdrawal ----

export const reassignChain = (chainId: string, body: Body<'/v1/approvals/{chainId}/reassign', 'post'>) =>
  decide<Ok<'/v1/approvals/{chainId}/reassign', 'post'>>(`/v1/approvals/${enc(chainId)}/reassign`, body);
export const commentChain = (chainId: string, body: Body<'/v1/approvals/{chainId}/comments', 'post'>) =>
  decide<Ok<'/v1/approvals/{chainId}/comments', 'post'>>(`/v1/approvals/${enc(chainId)}/comments`, body);
export const attachChainEvidence = (chainId: string, body: Body<'/v1/approvals/{chainId}/evidence', 'post'>) =>
  decide<Ok<'/v1/approvals/{chainId}/evidence', 'post'>>(`/v1/approvals/${enc(chainId)}/evidence`, body);
export const withdrawChain = (chainId: string, body: Body<'/v1/approvals/{chainId}/withdraw', 'post'>) =>
  decide<Ok<'/v1/approvals/{chainId}/withdraw', 'post'>>(`/v1/approvals/${enc(chainId)}/withdraw`, body);

// ---- cross-scoring (the head of a unit assigned to score another) ----

export const crossScore = (cycleId: string, unitCode: string, scores: Scores, occurredOn?: string) =>
  decide(cyclePath(cycleId, `/units/${enc(unitCode)}/assessment/cross-scores`), { scores, ...dated(occurredOn) });

// ---- organisation (master data of a province) ----

const orgPath = (provinceCode: string, rest = '') => `/v1/provinces/${enc(provinceCode)}${rest}`;

export const listProvinces = () => api<Ok<'/v1/provinces', 'get'>>('GET', '/v1/provinces');
export const listOrgBlocs = (provinceCode: string) =>
  api<Ok<'/v1/provinces/{provinceCode}/blocs', 'get'>>('GET', orgPath(provinceCode, '/blocs'));
export const listOrgUnits = (provinceCode: string, filter: Query<'/v1/provinces/{provinceCode}/units', 'get'> = {}) =>
  api<Ok<'/v1/provinces/{provinceCode}/units', 'get'>>('GET', orgPath(provinceCode, `/units${q(filter)}`));
export const getOrgUnit = (provinceCode: string, unitCode: string) =>
  api<Ok<'/v1/provinces/{provinceCode}/units/{unitCode}', 'get'>>('GET', orgPath(provinceCode, `/units/${enc(unitCode)}`));
export const createOrgBloc = (provinceCode: string, body: Body<'/v1/provinces/{provinceCode}/blocs', 'post'>) =>
  api<Ok<'/v1/provinces/{provinceCode}/blocs', 'post'>>('POST', orgPath(provinceCode, '/blocs'), body);
export const endOrgBloc = (provinceCode: string, blocCode: string, toYear: number) =>
  api<Ok<'/v1/provinces/{provinceCode}/blocs/{blocCode}/end', 'post'>>(
    'POST',
    orgPath(provinceCode, `/blocs/${enc(blocCode)}/end`),
    { toYear } satisfies Body<'/v1/provinces/{provinceCode}/blocs/{blocCode}/end', 'post'>,
  );
export const createOrgUnit = (provinceCode: string, body: Body<'/v1/provinces/{provinceCode}/units', 'post'>) =>
  api<Ok<'/v1/provinces/{provinceCode}/units', 'post'>>('POST', orgPath(provinceCode, '/units'), body);
export const updateOrgUnit = (
  provinceCode: string,
  unitCode: string,
  body: Body<'/v1/provinces/{provinceCode}/units/{unitCode}', 'patch'>,
) =>
  api<Ok<'/v1/provinces/{provinceCode}/units/{unitCode}', 'patch'>>(
    'PATCH',
    orgPath(provinceCode, `/units/${enc(unitCode)}`),
    body,
  );
export const endOrgUnit = (
  provinceCode: string,
  unitCode: string,
  body: Body<'/v1/provinces/{provinceCode}/units/{unitCode}/end', 'post'>,
) =>
  api<Ok<'/v1/provinces/{provinceCode}/units/{unitCode}/end', 'post'>>(
    'POST',
    orgPath(provinceCode, `/units/${enc(unitCode)}/end`),
    body,
  );
export const addOrgMembership = (
  provinceCode: string,
  blocCode: string,
  body: Body<'/v1/provinces/{provinceCode}/blocs/{blocCode}/memberships', 'post'>,
) =>
  api<Ok<'/v1/provinces/{provinceCode}/blocs/{blocCode}/memberships', 'post'>>(
    'POST',
    orgPath(provinceCode, `/blocs/${enc(blocCode)}/memberships`),
    body,
  );

// The organisation workbook (Excel import and export) and the invitations of the accounts it creates.
const workbookPath = (provinceCode: string, rest: string) => `/v1/provinces/${encodeURIComponent(provinceCode)}/workbook${rest}`;
export const downloadWorkbookTemplate = (provinceCode: string) =>
  download(workbookPath(provinceCode, '/template'), 'mau-to-chuc.xlsx');
export const downloadWorkbookExport = (provinceCode: string) =>
  download(workbookPath(provinceCode, '/export'), `to-chuc-${provinceCode}.xlsx`);
export const downloadWorkbookProblems = (provinceCode: string, previewToken: string) =>
  download(workbookPath(provinceCode, `/previews/${previewToken}/problems`), `loi-nhap-${provinceCode}.xlsx`);
export const previewWorkbook = (provinceCode: string, file: File, onProgress: (sent: number, total: number) => void) =>
  upload<Ok<'/v1/provinces/{provinceCode}/workbook/preview', 'post'>>(workbookPath(provinceCode, '/preview'), file, onProgress);
export const applyWorkbook = (provinceCode: string, previewToken: string) =>
  api<Ok<'/v1/provinces/{provinceCode}/workbook/apply', 'post'>>('POST', workbookPath(provinceCode, '/apply'), {
    previewToken,
  } satisfies Body<'/v1/provinces/{provinceCode}/workbook/apply', 'post'>);
/** Activates an invited account; the answer's session becomes this browser's (the person is signed in). */
export async function acceptInvitation(token: string, password: string) {
  const accepted = await api<Ok<'/v1/invitations/accept', 'post'>>(
    'POST',
    '/v1/invitations/accept',
    { token, password } satisfies Body<'/v1/invitations/accept', 'post'>,
    { acting: null },
  );
  adoptSession(accepted);
  return accepted;
}

// The cycle's documents (NĐ 30/2020 format): which exist at its step, and each as Word or PDF.
export const listDocuments = (cycleId: string) =>
  api<Ok<'/v1/cycles/{cycleId}/documents', 'get'>>('GET', cyclePath(cycleId, '/documents'));
export const downloadDocument = (cycleId: string, kind: string, format: 'docx' | 'pdf', unitCode?: string) =>
  download(
    cyclePath(cycleId, `/documents/${enc(kind)}${q({ format, unitCode })}`),
    `${kind}${unitCode ? `-${unitCode}` : ''}.${format}`,
  );
// ---- uploaded files ----

export type UploadedFile = Ok<'/v1/files', 'post'>;
/** Uploads a file for the cycle's dossier, or (unitCode) as evidence of that unit's score sheet. */
export const uploadFile = (
  cycleId: string,
  file: File,
  unitCode?: string,
  onProgress: (sent: number, total: number) => void = () => {},
) => upload<UploadedFile>(`/v1/files${q({ cycleId, unitCode })}`, file, onProgress);
export const fileBlob = (sha256: string) => fetchBlob(`/v1/files/${enc(sha256)}`);
export const downloadFile = (sha256: string, fileName: string) => download(`/v1/files/${enc(sha256)}`, fileName);

// ---- the province's award round (issue 15) ----

const roundPath = (roundId: string, rest = '') => `/v1/rounds/${enc(roundId)}${rest}`;

export const listRounds = (filter: Query<'/v1/rounds', 'get'> = {}) =>
  api<Ok<'/v1/rounds', 'get'>>('GET', `/v1/rounds${q(filter)}`);
export const getRound = (roundId: string) => api<Ok<'/v1/rounds/{roundId}', 'get'>>('GET', roundPath(roundId));
export const getRoundMinutes = (roundId: string, sessionId: string) =>
  api<Ok<'/v1/rounds/{roundId}/sessions/{sessionId}/minutes', 'get'>>(
    'GET',
    roundPath(roundId, `/sessions/${enc(sessionId)}/minutes`),
  );
export const listCouncilMembers = (filter: Query<'/v1/council-members', 'get'>) =>
  api<Ok<'/v1/council-members', 'get'>>('GET', `/v1/council-members${q(filter)}`);
export const proposeDirect = (roundId: string, body: Body<'/v1/rounds/{roundId}/direct', 'post'>) =>
  decide<Ok<'/v1/rounds/{roundId}/direct', 'post'>>(roundPath(roundId, '/direct'), body);
export const appraiseRoundItems = (roundId: string, body: Body<'/v1/rounds/{roundId}/appraisal', 'post'>) =>
  decide<Ok<'/v1/rounds/{roundId}/appraisal', 'post'>>(roundPath(roundId, '/appraisal'), body);
export const reviewRoundList = (roundId: string, body: Body<'/v1/rounds/{roundId}/appraisal/review', 'post'>) =>
  decide<Ok<'/v1/rounds/{roundId}/appraisal/review', 'post'>>(roundPath(roundId, '/appraisal/review'), body);
export const openRoundSession = (roundId: string, body: Body<'/v1/rounds/{roundId}/sessions', 'post'>) =>
  decide<Ok<'/v1/rounds/{roundId}/sessions', 'post'>>(roundPath(roundId, '/sessions'), body);
export const recordRoundVotes = (
  roundId: string,
  sessionId: string,
  body: Body<'/v1/rounds/{roundId}/sessions/{sessionId}/votes', 'post'>,
) =>
  decide<Ok<'/v1/rounds/{roundId}/sessions/{sessionId}/votes', 'post'>>(
    roundPath(roundId, `/sessions/${enc(sessionId)}/votes`),
    body,
  );
export const endRoundSession = (
  roundId: string,
  sessionId: string,
  body: Body<'/v1/rounds/{roundId}/sessions/{sessionId}/end', 'post'>,
) =>
  decide<Ok<'/v1/rounds/{roundId}/sessions/{sessionId}/end', 'post'>>(
    roundPath(roundId, `/sessions/${enc(sessionId)}/end`),
    body,
  );
export const decideRound = (roundId: string, body: Body<'/v1/rounds/{roundId}/decisions', 'post'>) =>
  decide<Ok<'/v1/rounds/{roundId}/decisions', 'post'>>(roundPath(roundId, '/decisions'), body);
export const submitUpward = (roundId: string, body: Body<'/v1/rounds/{roundId}/upward', 'post'>) =>
  decide<Ok<'/v1/rounds/{roundId}/upward', 'post'>>(roundPath(roundId, '/upward'), body);
export const returnUpward = (
  roundId: string,
  submissionId: string,
  body: Body<'/v1/rounds/{roundId}/upward/{submissionId}/return', 'post'>,
) => decide(roundPath(roundId, `/upward/${enc(submissionId)}/return`), body);
export const resendUpward = (
  roundId: string,
  submissionId: string,
  body: Body<'/v1/rounds/{roundId}/upward/{submissionId}/resend', 'post'>,
) => decide(roundPath(roundId, `/upward/${enc(submissionId)}/resend`), body);
export const recordCentralDecision = (
  roundId: string,
  submissionId: string,
  body: Body<'/v1/rounds/{roundId}/upward/{submissionId}/decision', 'post'>,
) => decide(roundPath(roundId, `/upward/${enc(submissionId)}/decision`), body);
export const closeRound = (roundId: string) => decide(roundPath(roundId, '/close'));
