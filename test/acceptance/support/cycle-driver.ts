import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { NomineeStatus, Phase, type CycleState, type Nominee } from '../../../src/shared/cycle-types';
import { AWARD_TYPES, type AwardType } from '../../../src/shared/rules';
import { as, type Headers } from '../../integration/support/actors';
import { newReceiptSecret, newTellerKey } from '../../integration/support/s1-scenario';
import type { ByNominee, CycleInputs } from '../fixtures/cycle-fixture';
import type { components } from '../../../web/src/api/schema';
import type { SeededBloc } from './seed-bloc';

const DAY = 86_400_000;

/** The day `days` after (or before) a YYYY-MM-DD date. */
const shift = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** The API's answers, typed from its OpenAPI document (web/src/api/schema.d.ts, `npm run contract:generate`). */
type Schemas = components['schemas'];
/** GET /v1/units/:unit/awards, one row. */
export type AwardRow = Schemas['UnitAwardView'];
/** GET /v1/nominations, one row. */
export type NominationRow = Schemas['NominationView'];
/** GET /v1/blocs, one leadership. */
export type LeadershipRow = Schemas['BlocLeadershipView'];

/** What the API shows once the cycle has run: the published outcome is read from here. */
export interface CycleOutcome<K extends string> {
  cycleId: string;
  cycle: Schemas['CycleView'];
  /** Award history of every unit of the bloc, by fixture key. */
  awards: Record<K, AwardRow[]>;
  nominations: NominationRow[];
  leaderships: LeadershipRow[];
}

/**
 * Drives one fixture's cycle through the HTTP API, each step by the person entitled to it, with the fixture's
 * dates, attendance, ballot papers, appraisal opinions, council votes and the chairman's refusals; the S1Driver of
 * the integration tests generalised to any bloc. It sees only the fixture's inputs, never its published outcome, so
 * who is awarded is what the workflows compute. A real cycle is the RECORD of a past year: every step carries the
 * day it happened, the fixture's where it knows it.
 */
export class CycleDriver<K extends string> {
  cycleId = '';

  /**
   * invented: no source publishes the launch, the pledges or the self-assessment; the launch on 20 January of the
   * year, the pledges in February (deadline 28 February), and each unit's sheet submitted, approved and accepted
   * 12 to 10 days before the conference, a week before the self-assessment deadline. The dossier is reviewed and
   * appraised on the day of its tờ trình.
   */
  get dates() {
    const { year, conference, dossier } = this.fixture;
    return {
      launch: `${year}-01-20`,
      pledgeDeadline: `${year}-02-28T10:00:00.000Z`,
      pledge: (i: number) => shift(`${year}-02-01`, i % 20),
      submitted: shift(conference.heldOn, -12),
      approved: shift(conference.heldOn, -11),
      accepted: shift(conference.heldOn, -10),
      selfAssessmentDeadline: `${shift(conference.heldOn, -7)}T10:00:00.000Z`,
      dossierReview: dossier?.toTrinhDate,
    };
  }

  constructor(
    private readonly app: INestApplication,
    readonly fixture: CycleInputs<K>,
    readonly bloc: SeededBloc<K>,
  ) {}

  u = (key: K): string => this.bloc.unit(key);

  /** The Trưởng khối of the year acts as the head of the leading unit. */
  get leader(): Headers {
    return as.head(this.u(this.fixture.leadership.leader));
  }

  async post<T = CycleState>(path: string, headers: Headers, body: object = {}, expectStatus = 200): Promise<T> {
    let res = await request(this.app.getHttpServer()).post(path).set(headers).send(body);
    // A workflow busy with many units (a 24-unit bloc on two cores) may not answer in time: re-send with the request
    // id, as a client does, and get the first answer (the update is not applied twice).
    for (let retry = 0; res.status === 202 && res.body?.requestId && retry < 10; retry++) {
      await new Promise((resolve) => setTimeout(resolve, 1_000 * Number(res.body.retryAfterSeconds ?? 1)));
      res = await request(this.app.getHttpServer())
        .post(path)
        .set({ ...headers, 'x-request-id': String(res.body.requestId) })
        .send(body);
    }
    if (res.status !== expectStatus) {
      throw new Error(
        `${this.fixture.id}: POST ${path} expected ${expectStatus}, got ${res.status}: ${JSON.stringify(res.body)}`,
      );
    }
    return res.body as T;
  }

  async get<T>(path: string, headers: Headers = as.admin()): Promise<T> {
    const res = await request(this.app.getHttpServer()).get(path).set(headers);
    if (res.status !== 200) throw new Error(`${this.fixture.id}: GET ${path} got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  /** Runs every step from the start to COMPLETED and answers with the reads. */
  async run(): Promise<CycleOutcome<K>> {
    await this.start();
    await this.launch();
    await this.signAll();
    await this.waitForPhase(Phase.SELF_ASSESSMENT);
    await this.assessAll();
    await this.waitForPhase(Phase.CONFERENCE);
    await this.openConference();
    await this.openBallot();
    await this.castAll();
    const closed = await this.closeBallot();
    if (closed.nominees.length > 0) {
      await this.waitForPhase(Phase.SUBMISSION);
      await this.submitDossier(closed.nominees);
      const inAppraisal = await this.post(`/v1/cycles/${this.cycleId}/dossier/review`, as.specialist(this.bloc.provinceCode), {
        decision: 'ACCEPT',
        occurredOn: this.dates.dossierReview,
      });
      let state = await this.appraiseAll(inAppraisal.nominees);
      if (state.nominees.some((n) => n.status === NomineeStatus.AWAITING_COUNCIL)) state = await this.councilVote(state);
      // Nothing reaches the chairman when the board and the council stopped every nominee; the cycle completes.
      if (state.nominees.some((n) => n.status === NomineeStatus.AWAITING_DECISION)) await this.decide(state);
    }
    await this.waitForPhase(Phase.COMPLETED);
    return this.outcome();
  }

  async start(): Promise<CycleState> {
    const state = await this.post(
      '/v1/cycles',
      as.boardHead(this.bloc.provinceCode),
      { provinceCode: this.bloc.provinceCode, blocCode: this.bloc.blocCode, year: this.bloc.year, mode: 'RECORD' },
      201,
    );
    this.cycleId = state.cycleId;
    return state;
  }

  launch(): Promise<CycleState> {
    const { bloc, year, criteria } = this.fixture;
    // A record's deadlines lie years behind it, and no timer closes anything because of them.
    return this.post(`/v1/cycles/${this.cycleId}/launch`, this.leader, {
      plan: `Kế hoạch thi đua năm ${year} của ${bloc.name}`,
      pledgeText: `Các đơn vị thành viên ${bloc.name} cam kết thực hiện thắng lợi nhiệm vụ chính trị năm ${year}`,
      criteria,
      pledgeDeadline: this.dates.pledgeDeadline,
      selfAssessmentDeadline: this.dates.selfAssessmentDeadline,
      occurredOn: this.dates.launch,
    });
  }

  async signAll(): Promise<void> {
    for (const [i, { key }] of this.fixture.units.entries())
      await this.post(`/v1/cycles/${this.cycleId}/pledges`, as.head(this.u(key)), { occurredOn: this.dates.pledge(i) });
  }

  /**
   * Each unit: the focal person submits, the unit head approves, the Trưởng khối accepts. Units run side by
   * side, as they do in a real bloc: each has its own assessment workflow.
   */
  async assessAll(): Promise<void> {
    await Promise.all(
      this.fixture.units.map(async ({ key }) => {
        const path = `/v1/cycles/${this.cycleId}/units/${this.u(key)}/assessment`;
        const { submitted, approved, accepted } = this.dates;
        await this.post(path, as.focal(this.u(key)), { scores: this.scores(key), occurredOn: submitted });
        await this.post(`${path}/approval`, as.head(this.u(key)), { occurredOn: approved });
        // The Trưởng khối's own sheet is reviewed by the Phó khối (recusal).
        const { leader, deputy } = this.fixture.leadership;
        await this.post(`${path}/review`, key === leader ? as.head(this.u(deputy)) : this.leader, {
          decision: 'ACCEPT',
          occurredOn: accepted,
        });
      }),
    );
  }

  scores(key: K) {
    const points = this.fixture.scores[key];
    return this.fixture.criteria.map((criterion, i) => ({
      criterionCode: criterion.code,
      points: points[i],
      evidenceRefs: criterion.evidenceRequired ? [`bao-cao-tu-cham-${key.toLowerCase()}-${this.fixture.year}.pdf`] : [],
    }));
  }

  /** The parent moves on its own (children reported, ballot closed, last decision); wait through the read model. */
  async waitForPhase(phase: Phase, timeoutMs = 30_000): Promise<CycleState> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const res = await request(this.app.getHttpServer()).get(`/v1/cycles/${this.cycleId}`).set(as.admin());
      if (res.status === 200 && res.body.phase === phase) return res.body as CycleState;
      if (Date.now() > until) {
        throw new Error(`${this.fixture.id}: cycle did not reach ${phase}; last: ${JSON.stringify(res.body?.phase)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  openConference(): Promise<CycleState> {
    const { heldOn, location, present } = this.fixture.conference;
    return this.post(`/v1/cycles/${this.cycleId}/conference`, this.leader, {
      heldOn,
      location,
      presentUnits: present.map(this.u),
    });
  }

  /** The teller key of the ballot, made as the Trưởng khối's client makes it. */
  readonly teller = newTellerKey();

  openBallot(): Promise<CycleState> {
    const { candidates, leaderCandidates, deputyCandidates } = this.fixture.ballot;
    return this.post(`/v1/cycles/${this.cycleId}/ballot`, this.leader, {
      tellerKey: this.teller.publicKey,
      candidates: this.byAward(candidates),
      leaderCandidates: leaderCandidates.map(this.u),
      deputyCandidates: deputyCandidates.map(this.u),
    });
  }

  async castAll(): Promise<void> {
    for (const paper of this.fixture.ballot.papers) {
      await this.post(`/v1/cycles/${this.cycleId}/ballot/votes`, as.head(this.u(paper.voter)), {
        choices: this.byAward(paper.choices),
        ...(paper.nextLeader === undefined ? {} : { nextLeader: this.u(paper.nextLeader) }),
        ...(paper.nextDeputy === undefined ? {} : { nextDeputy: this.u(paper.nextDeputy) }),
        receiptSecret: newReceiptSecret(),
      });
    }
  }

  /** The fixtures' papers settle everything in one round; a tie would be a fixture error. */
  async closeBallot(): Promise<CycleState> {
    const state = await this.post(`/v1/cycles/${this.cycleId}/ballot/close`, this.leader, {
      tellerPrivateKey: this.teller.privateKey,
    });
    if (state.ballot?.status !== 'CLOSED') {
      throw new Error(`${this.fixture.id}: the ballot did not close in one round: ${JSON.stringify(state.ballot)}`);
    }
    return state;
  }

  submitDossier(nominees: Nominee[]): Promise<CycleState> {
    const dossier = this.required('dossier');
    const units = [...new Set(nominees.map((n) => n.unitCode))];
    return this.post(`/v1/cycles/${this.cycleId}/dossier`, this.leader, {
      toTrinh: {
        number: dossier.toTrinhNumber,
        date: dossier.toTrinhDate,
        documentRef: `to-trinh-${dossier.toTrinhNumber.replace(/\W+/g, '-')}.pdf`,
      },
      achievementReports: units.map((code) => ({
        unitCode: code,
        title: `Báo cáo thành tích năm ${this.fixture.year} của ${this.unitName(code)}`,
        documentRef: `bao-cao-thanh-tich-${this.bloc.keyOf(code).toLowerCase()}-${this.fixture.year}.pdf`,
      })),
    });
  }

  /** The specialist gives the fixture's opinion on each nominee; the head of the board approves the appraisal. */
  async appraiseAll(nominees: Nominee[]): Promise<CycleState> {
    const appraisal = this.required('appraisal');
    await this.post(`/v1/cycles/${this.cycleId}/appraisal`, as.specialist(this.bloc.provinceCode), {
      opinions: nominees.map((n) => ({ nomineeId: n.id, ...this.forNominee(appraisal, n, 'appraisal') })),
      occurredOn: this.dates.dossierReview,
    });
    return this.post(`/v1/cycles/${this.cycleId}/appraisal/approval`, as.boardHead(this.bloc.provinceCode), {
      decision: 'APPROVE',
      occurredOn: this.dates.dossierReview,
    });
  }

  councilVote(state: CycleState): Promise<CycleState> {
    const council = this.required('council');
    return this.post(`/v1/cycles/${this.cycleId}/council-vote`, as.boardHead(this.bloc.provinceCode), {
      sessionDate: council.sessionDate,
      membersTotal: council.membersTotal,
      membersPresent: council.membersPresent,
      votes: state.nominees
        .filter((n) => n.status === NomineeStatus.AWAITING_COUNCIL)
        .map((n) => ({ nomineeId: n.id, votesFor: this.forNominee(council.votesFor, n, 'council.votesFor') })),
    });
  }

  /** The chairman approves every nominee that reached him (a Cờ CP candidate is forwarded) but those he refuses. */
  decide(state: CycleState): Promise<CycleState> {
    const decision = this.required('decision');
    return this.post(`/v1/cycles/${this.cycleId}/decisions`, as.chairman(this.bloc.provinceCode), {
      decisionNumber: decision.number,
      decisionDate: decision.date,
      ...(decision.quotaOverride ? { quotaOverride: decision.quotaOverride } : {}),
      items: state.nominees
        .filter((n) => n.status === NomineeStatus.AWAITING_DECISION)
        .map((n) => {
          const reason = decision.refuse?.[n.award]?.[this.bloc.keyOf(n.unitCode)];
          return reason === undefined ? { nomineeId: n.id, approve: true } : { nomineeId: n.id, approve: false, reason };
        }),
    });
  }

  async outcome(): Promise<CycleOutcome<K>> {
    const cycle = await this.get<CycleOutcome<K>['cycle']>(`/v1/cycles/${this.cycleId}`);
    const awards = {} as Record<K, AwardRow[]>;
    for (const { key } of this.fixture.units) {
      awards[key] = (await this.get<Schemas['UnitAwardsView']>(`/v1/units/${this.u(key)}/awards`)).awards;
    }
    const { items: nominations } = await this.get<Schemas['NominationPageView']>(
      `/v1/nominations?provinceCode=${this.bloc.provinceCode}`,
    );
    const blocs = await this.get<Schemas['BlocView'][]>(`/v1/blocs?provinceCode=${this.bloc.provinceCode}`);
    const bloc = blocs.find((b) => b.blocCode === this.bloc.blocCode);
    if (!bloc) throw new Error(`${this.fixture.id}: bloc ${this.bloc.blocCode} is not listed`);
    return { cycleId: this.cycleId, cycle, awards, nominations, leaderships: bloc.leaderships };
  }

  /** The fixture's input for one nominee; a nominee the fixture does not foresee is a fixture error. */
  private forNominee<V>(values: ByNominee<K, V>, n: Nominee, what: string): V {
    const value = values[n.award]?.[this.bloc.keyOf(n.unitCode)];
    if (value === undefined)
      throw new Error(`${this.fixture.id}: ${what} has nothing for ${n.award} ${this.bloc.keyOf(n.unitCode)}`);
    return value;
  }

  private byAward(choices: Partial<Record<AwardType, readonly K[]>>): Partial<Record<AwardType, string[]>> {
    return Object.fromEntries(
      AWARD_TYPES.filter((a) => choices[a] !== undefined).map((a) => [a, (choices[a] ?? []).map(this.u)]),
    );
  }

  private unitName(code: string): string {
    const key = this.bloc.keyOf(code);
    return this.fixture.units.find((u) => u.key === key)?.name ?? code;
  }

  private required<F extends 'dossier' | 'appraisal' | 'council' | 'decision'>(field: F): NonNullable<CycleInputs<K>[F]> {
    const value = this.fixture[field];
    if (value === undefined) throw new Error(`${this.fixture.id}: the bloc proposed awards but the fixture has no ${field}`);
    return value;
  }
}
