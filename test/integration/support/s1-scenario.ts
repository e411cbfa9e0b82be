import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { NomineeStatus, Phase, type CycleState } from '../../../src/shared/cycle-types';
import { AwardType } from '../../../src/shared/rules';
import type { DemoProvince, S1UnitKey } from '../../../src/seed/demo-province';
import { as, type Headers, type HttpTarget } from './actors';
import type { components } from '../../../web/src/api/schema';

/**
 * Drives scenario S1 (Bắc Kạn FY2020, shared/domain.md §8) through the HTTP API, step by step, so that
 * tests can stop at any phase. Scores and ballots are chosen to reproduce the published outcome.
 */
export const CRITERIA = [
  { code: 'TC1', name: 'Thực hiện nhiệm vụ chính trị được giao', maxPoints: 40, evidenceRequired: true },
  { code: 'TC2', name: 'Công tác xây dựng tổ chức, đoàn kết nội bộ', maxPoints: 30, evidenceRequired: false },
  { code: 'TC3', name: 'Tham gia hoạt động chung của khối', maxPoints: 30, evidenceRequired: false },
];

export const S1_SCORES: Record<S1UnitKey, [number, number, number]> = {
  HLHPN: [39, 28, 28],
  DTN: [38, 27, 27],
  HND: [37, 27, 26],
  LDLD: [36, 26, 26],
  HCCB: [35, 25, 25],
  MTTQ: [34, 25, 25],
};

/** A teller key as the ballot opener's client makes it: ECDH P-256, public SPKI and private PKCS8, base64. */
export function newTellerKey(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

/** A voter client's receipt secret: 128 random bits, base64url. */
export const newReceiptSecret = (): string => randomBytes(16).toString('base64url');

export type Ballot = { voter: S1UnitKey; flag: S1UnitKey[]; bk: S1UnitKey[]; leader: S1UnitKey; deputy: S1UnitKey };

export const S1_BALLOTS: Ballot[] = [
  { voter: 'HLHPN', flag: ['HLHPN'], bk: ['DTN', 'HND'], leader: 'LDLD', deputy: 'DTN' },
  { voter: 'LDLD', flag: ['HLHPN'], bk: ['DTN', 'HND'], leader: 'LDLD', deputy: 'DTN' },
  { voter: 'MTTQ', flag: ['HLHPN'], bk: ['DTN', 'HND', 'HCCB'], leader: 'LDLD', deputy: 'DTN' },
  { voter: 'HCCB', flag: ['HLHPN'], bk: ['DTN', 'HND', 'HCCB'], leader: 'LDLD', deputy: 'DTN' },
  { voter: 'HND', flag: ['HLHPN'], bk: ['DTN', 'MTTQ'], leader: 'LDLD', deputy: 'HCCB' },
  { voter: 'DTN', flag: ['LDLD'], bk: [], leader: 'MTTQ', deputy: 'HCCB' },
];

export const ALL_UNITS: S1UnitKey[] = ['HLHPN', 'LDLD', 'MTTQ', 'HCCB', 'HND', 'DTN'];

const DAY = 86_400_000;

export class S1Driver {
  cycleId = '';
  /** Business dates of the steps that carry one; a test may move them (e.g. across the 01/07/2025 rule change). */
  dates = { conference: '2020-12-29', toTrinh: '2020-12-30', council: '2021-01-12', decision: '2021-01-20' };

  constructor(
    private readonly app: HttpTarget,
    readonly demo: DemoProvince,
  ) {}

  u = (key: S1UnitKey) => this.demo.unit(key);

  /** The teller key of the ballot this driver opens; a test may replace it (e.g. a lost key). */
  teller = newTellerKey();

  async post(path: string, headers: Headers, body: object = {}, expectStatus = 200) {
    const res = await request(this.app.getHttpServer()).post(path).set(headers).send(body);
    if (res.status !== expectStatus) {
      throw new Error(`POST ${path} expected ${expectStatus}, got ${res.status}: ${JSON.stringify(res.body)}`);
    }
    return res.body;
  }

  async get(path: string, headers: Headers = as.admin()) {
    const res = await request(this.app.getHttpServer()).get(path).set(headers);
    if (res.status !== 200) throw new Error(`GET ${path} got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  get leader(): Headers {
    return as.head(this.u('HLHPN'));
  }

  /** The x-request-id of the start: the same start sent again answers as the first. */
  readonly startRequestId = `start-${Math.random().toString(36).slice(2, 12)}`;

  async start(): Promise<CycleState> {
    const state = (await this.post(
      '/v1/cycles',
      { ...as.boardHead(this.demo.provinceCode), 'x-request-id': this.startRequestId },
      { provinceCode: this.demo.provinceCode, blocCode: this.demo.blocCode, year: this.demo.year },
      201,
    )) as CycleState;
    this.cycleId = state.cycleId;
    return state;
  }

  launch(): Promise<CycleState> {
    return this.post(`/v1/cycles/${this.cycleId}/launch`, this.leader, {
      plan: 'Kế hoạch thi đua năm 2020 của Khối thi đua MTTQ và các đoàn thể tỉnh',
      pledgeText: 'Các đơn vị cam kết thực hiện thắng lợi nhiệm vụ chính trị năm 2020',
      criteria: CRITERIA,
      pledgeDeadline: new Date(Date.now() + 30 * DAY).toISOString(),
      selfAssessmentDeadline: new Date(Date.now() + 60 * DAY).toISOString(),
    });
  }

  async signAll(units: S1UnitKey[] = ALL_UNITS): Promise<CycleState> {
    let state: CycleState | undefined;
    for (const key of units) state = await this.post(`/v1/cycles/${this.cycleId}/pledges`, as.head(this.u(key)));
    return state as CycleState;
  }

  scores(key: S1UnitKey) {
    const [a, b, c] = S1_SCORES[key];
    return [
      { criterionCode: 'TC1', points: a, evidenceRefs: [`bao-cao-${key.toLowerCase()}-2020.pdf`] },
      { criterionCode: 'TC2', points: b, evidenceRefs: [] },
      { criterionCode: 'TC3', points: c, evidenceRefs: [] },
    ];
  }

  submitAssessment(key: S1UnitKey, scores = this.scores(key)) {
    return this.post(`/v1/cycles/${this.cycleId}/units/${this.u(key)}/assessment`, as.focal(this.u(key)), { scores });
  }

  approveAssessment(key: S1UnitKey) {
    return this.post(`/v1/cycles/${this.cycleId}/units/${this.u(key)}/assessment/approval`, as.head(this.u(key)));
  }

  /** The Phó khối in 2020 (LĐLĐ): reviews the Trưởng khối's own unit's sheet, which the leader may not. */
  get deputy(): Headers {
    return as.head(this.u('LDLD'));
  }

  reviewAssessment(key: S1UnitKey, decision: 'ACCEPT' | 'RETURN', reason?: string) {
    const reviewer = key === 'HLHPN' ? this.deputy : this.leader;
    return this.post(`/v1/cycles/${this.cycleId}/units/${this.u(key)}/assessment/review`, reviewer, { decision, reason });
  }

  async assessAll(units: S1UnitKey[] = ALL_UNITS): Promise<void> {
    for (const key of units) {
      await this.submitAssessment(key);
      await this.approveAssessment(key);
      await this.reviewAssessment(key, 'ACCEPT');
    }
  }

  /** The parent moves to CONFERENCE once every child has reported; wait for it through the read model. */
  async waitForPhase(phase: string, timeoutMs = 30_000): Promise<CycleState> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const res = await request(this.app.getHttpServer()).get(`/v1/cycles/${this.cycleId}`).set(as.admin());
      if (res.status === 200 && res.body.phase === phase) return res.body as CycleState;
      if (Date.now() > until) throw new Error(`cycle did not reach ${phase}; last: ${JSON.stringify(res.body?.phase)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** From the close of the self-assessment: the conference with every unit present, the S1 ballot counted, the dossier submitted. */
  async conferenceToDossier(): Promise<CycleState> {
    await this.waitForPhase(Phase.CONFERENCE);
    await this.openConference();
    await this.openBallot();
    await this.castAll();
    await this.closeBallot();
    await this.waitForPhase(Phase.SUBMISSION);
    return this.submitDossier();
  }

  /** Start → launch → every pledge → every self-assessment accepted → the conference opened. */
  async toConference(present: S1UnitKey[] = ALL_UNITS): Promise<CycleState> {
    await this.start();
    await this.launch();
    await this.signAll();
    await this.waitForPhase(Phase.SELF_ASSESSMENT);
    await this.assessAll();
    await this.waitForPhase(Phase.CONFERENCE);
    return (await this.openConference(present)) as CycleState;
  }

  openConference(present: S1UnitKey[] = ALL_UNITS, expectStatus = 200) {
    return this.post(
      `/v1/cycles/${this.cycleId}/conference`,
      this.leader,
      { heldOn: this.dates.conference, location: 'Hội trường UBMTTQ tỉnh', presentUnits: present.map(this.u) },
      expectStatus,
    );
  }

  openBallot() {
    return this.openBallotWith({
      candidates: {
        [AwardType.CO_THI_DUA_TINH]: [this.u('HLHPN'), this.u('LDLD')],
        [AwardType.BANG_KHEN_CHU_TICH]: [this.u('DTN'), this.u('HND'), this.u('HCCB'), this.u('MTTQ')],
      },
      leaderCandidates: [this.u('LDLD'), this.u('MTTQ')],
      deputyCandidates: [this.u('DTN'), this.u('HCCB')],
    });
  }

  /** Opens a ballot with these candidates under the driver's teller key (the Trưởng khối's client sends only its public part). */
  openBallotWith(body: object, expectStatus = 200, headers: Headers = this.leader) {
    return this.post(`/v1/cycles/${this.cycleId}/ballot`, headers, { tellerKey: this.teller.publicKey, ...body }, expectStatus);
  }

  /** The body of a vote for this S1 ballot. */
  paperOf(b: Ballot): object {
    return {
      choices: { [AwardType.CO_THI_DUA_TINH]: b.flag.map(this.u), [AwardType.BANG_KHEN_CHU_TICH]: b.bk.map(this.u) },
      nextLeader: this.u(b.leader),
      nextDeputy: this.u(b.deputy),
    };
  }

  castBallot(b: Ballot, requestId?: string, receiptSecret?: string, expectStatus = 200) {
    return this.vote(as.head(this.u(b.voter)), this.paperOf(b), expectStatus, requestId, receiptSecret);
  }

  /** A vote as the voter's client sends it: the paper, a receipt secret kept with the request id. */
  vote(headers: Headers, paper: object, expectStatus = 200, requestId?: string, receiptSecret = newReceiptSecret()) {
    return this.post(
      `/v1/cycles/${this.cycleId}/ballot/votes`,
      requestId ? { ...headers, 'x-request-id': requestId } : headers,
      { ...paper, receiptSecret },
      expectStatus,
    );
  }

  async castAll(ballots: Ballot[] = S1_BALLOTS): Promise<void> {
    for (const b of ballots) await this.castBallot(b);
  }

  /** Closes the round: the teller's private key goes with the request and opens the papers for the count. */
  closeBallot(expectStatus = 200, privateKey = this.teller.privateKey, headers: Headers = this.leader): Promise<CycleState> {
    return this.post(`/v1/cycles/${this.cycleId}/ballot/close`, headers, { tellerPrivateKey: privateKey }, expectStatus);
  }

  submitDossier(units: S1UnitKey[] = ['HLHPN', 'DTN', 'HND']): Promise<CycleState> {
    return this.post(`/v1/cycles/${this.cycleId}/dossier`, this.leader, {
      toTrinh: { number: '15/TTr-KTĐ', date: this.dates.toTrinh, documentRef: 'to-trinh-15.pdf' },
      achievementReports: units.map((key) => ({
        unitCode: this.u(key),
        title: `Báo cáo thành tích năm 2020 của ${key}`,
        documentRef: `bao-cao-thanh-tich-${key.toLowerCase()}.pdf`,
      })),
    });
  }

  reviewDossier(decision: 'ACCEPT' | 'RETURN', reason?: string, completeOn?: string): Promise<CycleState> {
    return this.post(`/v1/cycles/${this.cycleId}/dossier/review`, as.specialist(this.demo.provinceCode), {
      decision,
      reason,
      completeOn,
    });
  }

  /** Waits until the timeline shows an event of `type` (e.g. one written by a durable timer). */
  async waitForEvent(type: string, timeoutMs = 20_000): Promise<components['schemas']['TimelineEventView']> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const timeline = await this.get(`/v1/cycles/${this.cycleId}/timeline`);
      const event = (timeline as components['schemas']['TimelineView']).events.find((e) => e.type === type);
      if (event) return event;
      if (Date.now() > until) throw new Error(`no ${type} event in the timeline`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async appraiseAll(state: CycleState): Promise<CycleState> {
    await this.post(`/v1/cycles/${this.cycleId}/appraisal`, as.specialist(this.demo.provinceCode), {
      opinions: state.nominees.map((n) => ({ nomineeId: n.id, recommend: true, note: 'Đủ tiêu chuẩn, hồ sơ đầy đủ' })),
    });
    return this.post(`/v1/cycles/${this.cycleId}/appraisal/approval`, as.boardHead(this.demo.provinceCode), {
      decision: 'APPROVE',
    });
  }

  councilVote(state: CycleState, extra: object = {}): Promise<CycleState> {
    return this.post(`/v1/cycles/${this.cycleId}/council-vote`, as.boardHead(this.demo.provinceCode), {
      ...extra,
      sessionDate: this.dates.council,
      membersTotal: 15,
      membersPresent: 13,
      votes: state.nominees
        .filter((n) => n.status === NomineeStatus.AWAITING_COUNCIL)
        .map((n) => ({ nomineeId: n.id, votesFor: 13 })),
    });
  }

  decideAll(state: CycleState): Promise<CycleState> {
    return this.post(`/v1/cycles/${this.cycleId}/decisions`, as.chairman(this.demo.provinceCode), {
      decisionNumber: '125/QĐ-UBND',
      decisionDate: this.dates.decision,
      items: state.nominees
        .filter((n) => n.status === NomineeStatus.AWAITING_DECISION)
        .map((n) => ({ nomineeId: n.id, approve: true })),
    });
  }
}

/**
 * A driver for another year of the demo bloc, so that one file can hold several independent cycles (a cycle is one per
 * bloc and year): the year's Trưởng khối and Phó khối as in S1 and every unit's rating for the year, set through the
 * organisation and eligibility API as the board would, and the conference held in that year.
 */
export async function s1DriverForYear(app: INestApplication, demo: DemoProvince, year: number): Promise<S1Driver> {
  const driver = new S1Driver(app, { ...demo, year });
  if (year === demo.year) return driver;
  const send = async (method: 'put', path: string, body: object, headers: Headers) => {
    const res = await request(app.getHttpServer())[method](path).set(headers).send(body);
    if (res.status !== 200) throw new Error(`PUT ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await send(
    'put',
    `/v1/provinces/${demo.provinceCode}/blocs/${demo.blocCode}/leaderships/${year}`,
    { leaderUnitCode: demo.unit('HLHPN'), deputyUnitCode: demo.unit('LDLD') },
    as.admin(),
  );
  for (const key of ALL_UNITS) {
    await send(
      'put',
      `/v1/units/${demo.unit(key)}/ratings/${year}`,
      { rating: 'HTXSNV', basis: `Xếp loại tổ chức đảng và đoàn thể năm ${year} (dữ liệu thử)` },
      as.specialist(demo.provinceCode),
    );
  }
  driver.dates = {
    conference: `${year}-12-29`,
    toTrinh: `${year}-12-30`,
    council: `${year + 1}-01-12`,
    decision: `${year + 1}-01-20`,
  };
  return driver;
}
