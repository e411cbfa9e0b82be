import { WorkflowUpdateStage } from '@temporalio/client';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import request from 'supertest';
import { AuthorityService } from '../../src/api/auth/authority.service';
import { receiptOf, sealPaper } from '../../src/api/cycles/ballot-seal';
import { DEFAULT_RULES } from '../../src/domain/default-rules';
import type { S1UnitKey } from '../../src/seed/demo-province';
import { identityUsername } from '../../src/seed/identities';
import { Role } from '../../src/shared/actors';
import type { CycleState, PublishedPaper, VoteCountMinutes } from '../../src/shared/cycle-types';
import { sealFor } from '../../src/shared/command-seal';
import { castBallotUpdate, cycleStateQuery, sealedPapersQuery } from '../../src/shared/messages';
import { AwardType, TieBreaker, type RuleSet } from '../../src/shared/rules';
import { as } from './support/actors';
import { bundleWorkflows, createHarness, uniqueSuffix, type Harness } from './support/harness';
import { ALL_UNITS, newReceiptSecret, S1Driver } from './support/s1-scenario';

const { CO_THI_DUA_TINH: CO_TINH, BANG_KHEN_CHU_TICH: BANG_KHEN } = AwardType;

/** A 3–3 split passes the flag threshold, so two units can be level for one flag and a second round follows. */
function tieRules(provinceCode: string): RuleSet[] {
  const rules = {
    ...DEFAULT_RULES,
    rulesVersion: 'TIE-ATOMIC',
    awards: { ...DEFAULT_RULES.awards, [CO_TINH]: { ...DEFAULT_RULES.awards[CO_TINH], threshold: 0.5 } },
    conference: {
      ...DEFAULT_RULES.conference,
      maxBallotRounds: 2,
      tieBreakers: [TieBreaker.TOTAL_SCORE, TieBreaker.LEADER_DEPUTY_DECIDE],
    },
  };
  return [
    { provinceCode, version: rules.rulesVersion, legalBasis: rules.legalBasis, validFrom: '1900-01-01', validTo: null, rules },
  ];
}

/**
 * The vote and its sealed paper are one update, so an API that dies after sending it costs nothing: the retry
 * with the same request id and receipt secret is answered from the first update and counts once; a changed
 * retry is refused; a vote racing the close is either counted or refused, never lost.
 */
describe('The sealed ballot: one atomic vote, counted exactly once', () => {
  let bundle: WorkflowBundleWithSourceMap;
  let h: Harness;
  let s1: S1Driver;
  /** Each voter's round-1 request: its id, its receipt secret and the flag it chose. */
  const round1 = new Map<S1UnitKey, { rid: string; secret: string; flag: S1UnitKey }>();
  let closed: CycleState;

  const paper1 = (flag: S1UnitKey) => ({
    choices: { [CO_TINH]: [s1.u(flag)], [BANG_KHEN]: [s1.u('DTN'), s1.u('HND')] },
    nextLeader: s1.u('LDLD'),
    nextDeputy: s1.u('DTN'),
  });
  const paper2 = (flag: S1UnitKey) => ({ choices: { [CO_TINH]: [s1.u(flag)] } });
  const handle = () => h.client.workflow.getHandle(s1.cycleId);
  const send = (path: string, headers: Record<string, string>, body: object) =>
    request(h.app.getHttpServer()).post(`/v1/cycles/${s1.cycleId}${path}`).set(headers).send(body);

  /** What the API does before it dies: the same actor, sealed paper, seal and update id; the answer is lost. */
  async function voteWhoseApiDied(voter: S1UnitKey, paper: object, rid: string, secret: string): Promise<void> {
    const users: { id: string; username: string; display_name: string }[] = await h.dataSource.query(
      `SELECT id, username, display_name FROM users WHERE username = $1`,
      [identityUsername(Role.UNIT_HEAD, s1.u(voter))],
    );
    const user = users[0];
    const actor = await h.app
      .get(AuthorityService)
      .actorFor({ id: user.id, username: user.username, displayName: user.display_name }, {});
    const state = await handle().query(cycleStateQuery);
    const sealed = sealPaper(paper as Parameters<typeof sealPaper>[0], secret, state.ballot?.tellerKey as string);
    const updateId = `${castBallotUpdate.name}:${rid}`;
    await handle().startUpdate(castBallotUpdate, {
      args: [{ actor, sealed, seal: sealFor(s1.cycleId, castBallotUpdate.name, Date.now(), updateId) }],
      updateId,
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
  }

  const countOf = (papers: PublishedPaper[], unit: string) =>
    papers.filter((p) => p.valid && (p.choices[CO_TINH] ?? []).includes(unit)).length;
  const votesIn = (minutes: VoteCountMinutes, unit: string) =>
    minutes.awards.find((a) => a.award === CO_TINH)?.candidates.find((c) => c.unitCode === unit)?.votes;

  beforeAll(async () => {
    bundle = await bundleWorkflows();
    const provinceCode = `R${uniqueSuffix().toUpperCase()}`;
    h = await createHarness({ bundle, demo: { provinceCode, ruleSets: tieRules(provinceCode) } });
    s1 = new S1Driver(h.app, h.demo);
    await s1.toConference();
    await s1.openBallotWith({
      candidates: { [CO_TINH]: [s1.u('HLHPN'), s1.u('LDLD')], [BANG_KHEN]: [s1.u('DTN'), s1.u('HND')] },
      leaderCandidates: [s1.u('LDLD'), s1.u('MTTQ')],
      deputyCandidates: [s1.u('DTN'), s1.u('HCCB')],
    });
    for (const voter of ALL_UNITS) {
      const flag = ['HLHPN', 'MTTQ', 'HCCB'].includes(voter) ? 'HLHPN' : 'LDLD';
      round1.set(voter, { rid: `vote-${voter}-${uniqueSuffix()}`, secret: newReceiptSecret(), flag });
    }
  });

  afterAll(async () => {
    await h?.close();
  });

  it('given an API that died after sending the vote, when the voter retries with the same request id and secret, should answer 200 and count the vote once', async () => {
    const { rid, secret, flag } = round1.get('HLHPN')!;
    await voteWhoseApiDied('HLHPN', paper1(flag), rid, secret);
    const retried = await s1.vote(as.head(s1.u('HLHPN')), paper1(flag), 200, rid, secret);
    expect(retried.ballot.voted).toEqual([s1.u('HLHPN')]);
    expect(retried.receipt).toBe(receiptOf(secret));
    const again = await s1.vote(as.head(s1.u('HLHPN')), paper1(flag), 200, rid, secret);
    expect(again.ballot.voted).toEqual([s1.u('HLHPN')]);
    expect((await handle().query(sealedPapersQuery)).papers).toHaveLength(1);
  });

  it('when a retry carries a different paper or secret under the same request id, should refuse REQUEST_ID_REUSED and keep the first paper', async () => {
    const { rid, secret } = round1.get('HLHPN')!;
    const sealedBefore = (await handle().query(sealedPapersQuery)).papers;
    const changed = await s1.vote(as.head(s1.u('HLHPN')), paper1('LDLD'), 409, rid, secret);
    expect(changed.code).toBe('REQUEST_ID_REUSED');
    expect(changed.message).toBe('Mã yêu cầu này đã được dùng để gửi một phiếu bầu khác; phiếu đã gửi trước đó được giữ nguyên.');
    const otherSecret = await s1.vote(as.head(s1.u('HLHPN')), paper1('HLHPN'), 409, rid, newReceiptSecret());
    expect(otherSecret.code).toBe('REQUEST_ID_REUSED');
    expect((await handle().query(sealedPapersQuery)).papers).toEqual(sealedBefore);
    expect((await handle().query(cycleStateQuery)).ballot?.voted).toEqual([s1.u('HLHPN')]);
  });

  it('given a 3–3 flag vote with lost answers and retries, when round 1 closes, should count each voter exactly once and stay 3–3', async () => {
    // DTN's API dies after sending; DTN never retries before the close. MTTQ's vote is retried twice.
    const dtn = round1.get('DTN')!;
    await voteWhoseApiDied('DTN', paper1(dtn.flag), dtn.rid, dtn.secret);
    for (const voter of ['LDLD', 'MTTQ', 'HCCB', 'HND'] as S1UnitKey[]) {
      const { rid, secret, flag } = round1.get(voter)!;
      await s1.vote(as.head(s1.u(voter)), paper1(flag), 200, rid, secret);
      if (voter === 'MTTQ') await s1.vote(as.head(s1.u(voter)), paper1(flag), 200, rid, secret);
    }
    const afterRound1 = await s1.closeBallot();
    expect(afterRound1.ballot).toMatchObject({ status: 'OPEN', round: 2, voted: [] });
    const published = await publishedRound(0);
    expect(published.map((p) => p.receipt).sort()).toEqual(ALL_UNITS.map((u) => receiptOf(round1.get(u)!.secret)).sort());
    expect(countOf(published, s1.u('HLHPN'))).toBe(3);
    expect(countOf(published, s1.u('LDLD'))).toBe(3);
  });

  it('when the voter whose answer was lost retries in round 2, should answer 200 from round 1 without a vote in round 2', async () => {
    const dtn = round1.get('DTN')!;
    const retried = await s1.vote(as.head(s1.u('DTN')), paper1(dtn.flag), 200, dtn.rid, dtn.secret);
    expect(retried.receipt).toBe(receiptOf(dtn.secret));
    expect((await handle().query(cycleStateQuery)).ballot).toMatchObject({ round: 2, voted: [] });
    const changed = await s1.vote(as.head(s1.u('DTN')), paper1('HLHPN'), 409, dtn.rid, dtn.secret);
    expect(changed.code).toBe('REQUEST_ID_REUSED');
  });

  it('given a vote racing the close of its round, should either count it or refuse it, never lose it', async () => {
    for (const voter of ['HLHPN', 'LDLD', 'MTTQ', 'HCCB', 'HND'] as S1UnitKey[]) {
      await s1.vote(as.head(s1.u(voter)), paper2(voter === 'LDLD' ? 'LDLD' : 'HLHPN'));
    }
    const secret = newReceiptSecret();
    const [vote, close] = await Promise.all([
      send('/ballot/votes', as.head(s1.u('DTN')), { ...paper2('HLHPN'), receiptSecret: secret }),
      send('/ballot/close', s1.leader, { tellerPrivateKey: s1.teller.privateKey }),
    ]);
    let closing = close;
    if (close.status !== 200) {
      // The vote came in after the close read the sealed papers: the close was refused, nothing recorded.
      expect(close.body.code).toBe('BALLOT_BOX_MISMATCH');
      closing = await send('/ballot/close', s1.leader, { tellerPrivateKey: s1.teller.privateKey });
    }
    expect(closing.status).toBe(200);
    closed = closing.body as CycleState;
    expect(closed.ballot?.status).toBe('CLOSED');
    const papers = closed.minutes?.rounds?.[1]?.papers ?? [];
    const receipts = papers.map((p) => p.receipt);
    if (vote.status === 200) {
      expect(receipts).toContain(receiptOf(secret));
      expect(closed.ballot?.voted).toContain(s1.u('DTN'));
    } else {
      expect(vote.body.code).toBe('WRONG_STATE');
      expect(receipts).not.toContain(receiptOf(secret));
      expect(closed.ballot?.voted).not.toContain(s1.u('DTN'));
    }
    expect(papers).toHaveLength(closed.ballot?.voted.length ?? -1);
    expect(closed.minutes?.rounds?.[1]?.ballotsReturned).toBe(papers.length);
  });

  it('given the final close, when a round-1 vote is retried with its request id, should answer 200 and leave the count unchanged; a changed retry is refused', async () => {
    const { rid, secret, flag } = round1.get('HLHPN')!;
    const before = (await s1.get(`/v1/cycles/${s1.cycleId}`)).minutes;
    const retried = await s1.vote(as.head(s1.u('HLHPN')), paper1(flag), 200, rid, secret);
    expect(retried.receipt).toBe(receiptOf(secret));
    const changed = await s1.vote(as.head(s1.u('HLHPN')), paper1('LDLD'), 409, rid, secret);
    expect(changed.code).toBe('REQUEST_ID_REUSED');
    const after = (await s1.get(`/v1/cycles/${s1.cycleId}`)).minutes;
    expect(after).toEqual(before);
    // Anyone can recount the published papers of each round and find the minutes' numbers.
    for (const minutes of after.rounds as VoteCountMinutes[]) {
      const papers = minutes.papers ?? [];
      expect(papers.length).toBe(minutes.ballotsReturned);
      for (const unit of [s1.u('HLHPN'), s1.u('LDLD')]) {
        const recorded = votesIn(minutes, unit);
        if (recorded !== undefined) expect(countOf(papers, unit)).toBe(recorded);
      }
    }
    expect(votesIn(after.rounds[0], s1.u('HLHPN'))).toBe(3);
    expect(votesIn(after.rounds[0], s1.u('LDLD'))).toBe(3);
  });

  /** The papers round `index`'s close brought to the workflow (the minutes publish them after the last round). */
  async function publishedRound(index: number): Promise<PublishedPaper[]> {
    const history = await handle().fetchHistory();
    const closes = (history.events ?? []).flatMap((e) => {
      const input = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
      if (input?.name !== 'closeBallot') return [];
      const data = input.args?.payloads?.[0]?.data;
      return data ? [JSON.parse(Buffer.from(data).toString('utf8')) as { papers: PublishedPaper[] }] : [];
    });
    return closes[index].papers.map((p) => ({ ...p, valid: true }));
  }
});
