import { createHash, createHmac } from 'node:crypto';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import request from 'supertest';
import { openPaper, receiptOf, sealPaper, tellerPrivateScalar } from '../../src/api/cycles/ballot-seal';
import type { S1UnitKey } from '../../src/seed/demo-province';
import type { BoxedPaper, PublishedPaper } from '../../src/shared/cycle-types';
import { assessmentWorkflowId } from '../../src/shared/ids';
import { as } from './support/actors';
import { bundleWorkflows, createHarness, type Harness } from './support/harness';
import { newReceiptSecret, newTellerKey, S1_BALLOTS, S1Driver } from './support/s1-scenario';

/** A vote as the artefacts show it: the voter, the request id, the update's arguments, when it was cast. */
interface CastTrace {
  voter: string;
  requestId: string;
  args: Record<string, unknown>;
  castAt: number;
}
/** A counted paper as the artefacts show it: its handle (receipt, or the old box's id) and its choices. */
interface CountedPaper {
  handle: string;
  paper: Omit<BoxedPaper, 'id' | 'receipt'>;
}
/** A stored record that names a paper handle, with when (or in which order) it was written. */
interface WrittenRecord {
  at: number;
  text: string;
}
type Link = { voter: string; handle: string; attack: string };

const samePaper = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);

/** Attack 1: a paper (its choices or its handle) beside its voter in the history before the count. */
function linkByHistory(casts: CastTrace[], papers: CountedPaper[]): Link[] {
  const links: Link[] = [];
  for (const cast of casts) {
    const text = JSON.stringify(cast.args);
    for (const p of papers) {
      const choices = cast.args.choices as object | undefined;
      if (text.includes(p.handle) || (choices && samePaper(choices, p.paper.choices)))
        links.push({ voter: cast.voter, handle: p.handle, attack: 'history' });
    }
  }
  return links;
}

/** Attack 2: every secret an operator holds, as the key of the old paper ids, as a teller key, as a receipt secret. */
function linkBySecrets(
  casts: CastTrace[],
  papers: CountedPaper[],
  secrets: string[],
  context: { cycleId: string; round: number; tellerKey?: string },
): Link[] {
  const links: Link[] = [];
  const asReceiptSecret = (s: string) => createHash('sha256').update(s).digest().toString('base64url');
  for (const secret of secrets) {
    const scalar = createHash('sha256').update(secret).digest();
    for (const cast of casts) {
      const hmac = createHmac('sha256', secret).update(`${context.cycleId}:${context.round}:${cast.requestId}`).digest('hex');
      for (const p of papers) {
        if (hmac === p.handle) links.push({ voter: cast.voter, handle: p.handle, attack: 'hmac id' });
        if (receiptOf(asReceiptSecret(`${secret}:${cast.requestId}`)) === p.handle)
          links.push({ voter: cast.voter, handle: p.handle, attack: 'derived receipt' });
      }
      const sealed = cast.args.sealed;
      if (typeof sealed !== 'string' || !context.tellerKey) continue;
      try {
        const opened = openPaper(sealed, scalar);
        links.push({ voter: cast.voter, handle: opened.receipt, attack: 'secret as teller key' });
      } catch {
        // Does not open: the attack fails for this secret.
      }
      for (const p of papers) {
        for (const guess of [
          asReceiptSecret(secret),
          asReceiptSecret(cast.requestId),
          asReceiptSecret(`${secret}:${cast.requestId}`),
        ]) {
          if (sealPaper(p.paper, guess, context.tellerKey) === sealed)
            links.push({ voter: cast.voter, handle: p.handle, attack: 'secret as receipt secret' });
        }
      }
    }
  }
  return links;
}

/** Attack 3: records naming one paper each, written in the order of the votes (table write times, WAL order). */
function linkByWriteOrder(casts: CastTrace[], papers: CountedPaper[], records: WrittenRecord[]): Link[] {
  const firstSeen = papers
    .map((p) => {
      const holding = records.filter((r) => r.text.includes(p.handle));
      // A record naming every paper at once (the published count) orders nothing.
      const alone = holding.filter((r) => papers.filter((q) => r.text.includes(q.handle)).length < papers.length);
      return { handle: p.handle, at: Math.min(...alone.map((r) => r.at)) };
    })
    .filter((f) => Number.isFinite(f.at))
    .sort((a, b) => a.at - b.at);
  if (firstSeen.length === 0) return [];
  const byTime = [...casts].sort((a, b) => a.castAt - b.castAt);
  return firstSeen.map((f, i) => ({ voter: byTime[i]?.voter ?? '?', handle: f.handle, attack: 'write order' }));
}

/**
 * Ballot secrecy against the operators: after the count, everything an administrator holds (every table, the
 * PostgreSQL WAL, the cycle's Temporal histories, the logs, every configuration secret, the BALLOT_CAST times)
 * is searched and attacked for a voter–paper link. Each attack is also run on artefacts shaped like the old
 * ballot box (papers next to voters, HMAC paper ids, papers written as they came) and finds the link there.
 */
describe('Ballot secrecy: nothing an operator keeps links a voter to a paper', () => {
  let bundle: WorkflowBundleWithSourceMap;
  let h: Harness;
  let s1: S1Driver;
  const secrets = new Map<S1UnitKey, string>();
  const output: string[] = [];
  const restore: (() => void)[] = [];

  const send = (path: string, headers: Record<string, string>, body: object) =>
    request(h.app.getHttpServer()).post(`/v1/cycles/${s1.cycleId}${path}`).set(headers).send(body);

  beforeAll(async () => {
    // Every line the API and the worker write in this process is kept, as an operator's log collector would.
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      stream.write = (chunk: unknown, ...rest: unknown[]) => {
        output.push(String(chunk));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      };
      restore.push(() => (stream.write = write));
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[level].bind(console);
      console[level] = (...args: unknown[]) => {
        output.push(args.map(String).join(' '));
        original(...args);
      };
      restore.push(() => (console[level] = original));
    }
    bundle = await bundleWorkflows();
    h = await createHarness({ bundle });
    s1 = new S1Driver(h.app, h.demo);
    await s1.toConference();
  });

  afterAll(async () => {
    for (const undo of restore) undo();
    await h?.close();
  });

  const lsn = async (): Promise<string> =>
    (await h.dataSource.query<{ lsn: string }[]>(`SELECT pg_current_wal_insert_lsn()::text AS lsn`))[0].lsn;

  /**
   * The file's ballot: opened, restarted for a lost teller key, cast by all six and closed. Run once, by whichever test
   * needs it first, so each test runs alone; what the steps answered is kept for the first test to check.
   */
  let ballotRun: Promise<Awaited<ReturnType<typeof runBallot>>> | undefined;
  const ballot = () => (ballotRun ??= runBallot());

  async function runBallot() {
    const lost = s1.teller;
    await s1.openBallot();
    const startLsn = await lsn();
    const early = newReceiptSecret();
    await s1.castBallot(S1_BALLOTS[0], 'early-vote-1', early);
    s1.teller = newTellerKey();
    const notLeader = await send('/ballot/restart', as.head(s1.u('MTTQ')), {
      reason: 'Mất khóa',
      tellerKey: s1.teller.publicKey,
    });
    const restarted = await s1.post(`/v1/cycles/${s1.cycleId}/ballot/restart`, s1.leader, {
      reason: 'Máy của tổ kiểm phiếu hỏng, mất khóa kiểm phiếu',
      tellerKey: s1.teller.publicKey,
    });
    const timeline = await s1.get(`/v1/cycles/${s1.cycleId}/timeline`);
    // The vote from before the restart was discarded: its retry says so instead of pretending it counts.
    const retried = await s1.castBallot(S1_BALLOTS[0], 'early-vote-1', early, 409);
    const receipts = new Map<S1UnitKey, string>();
    for (const b of S1_BALLOTS) {
      const secret = newReceiptSecret();
      secrets.set(b.voter, secret);
      receipts.set(b.voter, (await s1.castBallot(b, `vote-${b.voter}-${s1.cycleId}`, secret)).receipt);
    }
    const historyBefore = (await h.client.workflow.getHandle(s1.cycleId).fetchHistory()).events?.length;
    const wrongKey = (await s1.closeBallot(400, lost.privateKey)) as unknown as { code: string };
    const garbage = Buffer.from('không phải khóa kiểm phiếu, chỉ là một chuỗi').toString('base64');
    const notAKey = (await s1.closeBallot(400, garbage)) as unknown as { code: string };
    const historyAfterRefusals = (await h.client.workflow.getHandle(s1.cycleId).fetchHistory()).events?.length;
    const closeLsn = await lsn();
    const closed = await s1.closeBallot();
    return {
      startLsn,
      closeLsn,
      closed,
      notLeader: notLeader.body.code as string,
      restarted,
      timelineTypes: timeline.events.map((e: { type: string }) => e.type) as string[],
      retried: retried.code as string,
      receipts,
      historyBefore,
      historyAfterRefusals,
      refusedKeys: [wrongKey.code, notAKey.code],
    };
  }

  it('given a lost teller key, when the Trưởng khối restarts the round with a new key, should discard its papers and refuse the old key at the close', async () => {
    const run = await ballot();
    expect(run.notLeader).toBe('NOT_LEADER');
    expect(run.restarted.ballot).toMatchObject({
      status: 'OPEN',
      round: 1,
      voted: [],
      restarts: 1,
      tellerKey: s1.teller.publicKey,
    });
    expect(run.timelineTypes).toContain('BALLOT_RESTARTED');
    expect(run.retried).toBe('BALLOT_RESTARTED');
    expect([...run.receipts.keys()].sort()).toEqual(S1_BALLOTS.map((b) => b.voter).sort());
    for (const [voter, receipt] of run.receipts) expect(receipt).toBe(receiptOf(secrets.get(voter) as string));
    expect(run.refusedKeys).toEqual(['BALLOT_KEY_INVALID', 'BALLOT_KEY_INVALID']);
    expect(run.historyAfterRefusals).toBe(run.historyBefore);
    expect(run.closed.minutes?.voteCount).toMatchObject({ ballotsReturned: 6, ballotsValid: 6 });
    expect(run.closed.nextLeader).toBe(s1.u('LDLD'));
  });

  it('given the closed ballot, should publish every paper with its receipt, sorted by receipt, so each voter finds theirs', async () => {
    const { closed } = await ballot();
    const papers = closed.minutes?.voteCount.papers as PublishedPaper[];
    const receipts = papers.map((p) => p.receipt);
    expect(receipts).toEqual([...receipts].sort());
    for (const ballot of S1_BALLOTS) {
      const mine = papers.find((p) => p.receipt === receiptOf(secrets.get(ballot.voter) as string));
      const choices = Object.fromEntries(
        Object.entries((s1.paperOf(ballot) as PublishedPaper).choices).map(([award, units]) => [
          award,
          [...(units ?? [])].sort(),
        ]),
      );
      expect(mine).toMatchObject({ choices, valid: true });
    }
  });

  it('given everything an operator keeps after the count, should find no link between a voter and a paper', async () => {
    const { closed, startLsn, closeLsn } = await ballot();
    const cycleId = s1.cycleId;
    const published = closed.minutes?.voteCount.papers as PublishedPaper[];
    const papers: CountedPaper[] = published.map(({ receipt, valid: _valid, ...paper }) => ({ handle: receipt, paper }));

    // The histories of the cycle and its children.
    const history = await h.client.workflow.getHandle(cycleId).fetchHistory();
    const children = await Promise.all(
      S1_BALLOTS.map((b) => h.client.workflow.getHandle(assessmentWorkflowId(cycleId, s1.u(b.voter))).fetchHistory()),
    );
    const events = history.events ?? [];
    const closeAt = events.findIndex(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'closeBallot',
    );
    expect(closeAt).toBeGreaterThan(0);
    const timeline = await s1.get(`/v1/cycles/${cycleId}/timeline`);
    const castTimes = (timeline.events as { type: string; actor?: { unitCode?: string }; at: string }[]).filter(
      (e) => e.type === 'BALLOT_CAST',
    );
    const casts: CastTrace[] = events.slice(0, closeAt).flatMap((e) => {
      const accepted = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
      if (accepted?.input?.name !== 'castBallot') return [];
      const data = accepted.input.args?.payloads?.[0]?.data;
      const args = JSON.parse(Buffer.from(data as Uint8Array).toString('utf8')) as Record<string, unknown>;
      const voter = (args.actor as { unitCode: string }).unitCode;
      const castAt = castTimes.filter((c) => c.actor?.unitCode === voter).map((c) => Date.parse(c.at));
      return [
        { voter, requestId: String(accepted.meta?.updateId).replace(/^castBallot:/, ''), args, castAt: Math.max(...castAt) },
      ];
    });
    expect(casts.filter((c) => c.args.sealed)).toHaveLength(7);
    for (const cast of casts) expect(Number.isFinite(cast.castAt)).toBe(true);

    // Attack 1: the history before the count holds no paper and no receipt.
    expect(linkByHistory(casts, papers)).toEqual([]);
    const beforeClose = JSON.stringify(events.slice(0, closeAt));
    for (const p of papers) expect(beforeClose).not.toContain(p.handle);
    expect(beforeClose).not.toContain('"receipt"');

    // Attack 2: every configuration secret against the ids, the sealed papers and the receipts.
    const dbPassword = new URL(h.config.databaseUrl).password;
    const configSecrets = [
      h.config.auth.jwtSecret,
      h.config.commandSigning.current,
      dbPassword,
      ...casts.map((c) => c.requestId),
    ];
    const tellerKey = closed.ballot?.tellerKey as string;
    expect(linkBySecrets(casts, papers, configSecrets, { cycleId, round: 1, tellerKey })).toEqual([]);
    for (const secret of configSecrets) {
      expect(() => tellerPrivateScalar(Buffer.from(secret).toString('base64'), tellerKey)).toThrow();
    }

    // Attack 3: every row of every table, in write order (xmin), and the WAL in byte order.
    const tables: { table_name: string }[] = await h.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const rows: WrittenRecord[] = [];
    for (const { table_name } of tables) {
      const found: { xmin: string; row: string }[] = await h.dataSource.query(
        `SELECT xmin::text AS xmin, row_to_json(t)::text AS row FROM "${table_name}" t`,
      );
      rows.push(...found.map((r) => ({ at: Number(r.xmin), text: r.row })));
    }
    expect(rows.length).toBeGreaterThan(50);
    expect(linkByWriteOrder(casts, papers, rows)).toEqual([]);
    // Rows that name a voter's vote (timeline, audit, snapshots before the count) carry no paper.
    for (const row of rows.filter((r) => r.text.includes('BALLOT_CAST') || r.text.includes('đã bỏ phiếu')))
      for (const p of papers) expect(row.text).not.toContain(p.handle);

    const wal = await walBetween(startLsn, closeLsn);
    expect(wal.includes(Buffer.from('đã bỏ phiếu (vòng 1)'))).toBe(true);
    const walRecords = papers.flatMap((p) => {
      const at = wal.indexOf(Buffer.from(p.handle));
      return at < 0 ? [] : [{ at, text: p.handle }];
    });
    expect(walRecords).toEqual([]);
    for (const p of papers) expect(wal.includes(Buffer.from(JSON.stringify(p.paper.choices)))).toBe(false);
    expect(linkByWriteOrder(casts, papers, walRecords)).toEqual([]);

    // The close brought the papers in receipt order, whatever the order of the votes.
    const close = events[closeAt].workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
    const closeArgs = JSON.parse(Buffer.from(close?.args?.payloads?.[0]?.data as Uint8Array).toString('utf8')) as {
      papers: BoxedPaper[];
    };
    const order = closeArgs.papers.map((p) => p.receipt as string);
    expect(order).toEqual([...order].sort());
    expect(closeArgs).not.toHaveProperty('tellerPrivateKey');

    // The logs and every history hold neither a receipt secret nor the teller's private key.
    const everything = [
      output.join('\n'),
      JSON.stringify(history),
      JSON.stringify(children),
      rows.map((r) => r.text).join('\n'),
    ].join('\n');
    for (const secret of secrets.values()) expect(everything).not.toContain(secret);
    expect(everything).not.toContain(s1.teller.privateKey);
    for (const p of papers) expect(output.join('\n')).not.toContain(p.handle);
  });

  it('given artefacts shaped like the old ballot box, should find the link with the same attacks (negative control)', () => {
    const cycleId = 'cycle-old';
    const ballotSecret = 'an-operator-held-ballot-secret-0123456789';
    const votes = S1_BALLOTS.map((b, i) => ({
      voter: b.voter,
      requestId: `rid-${b.voter}`,
      paper: s1.paperOf(b) as BoxedPaper,
      castAt: 1000 * (i + 1),
    }));
    const ids = votes.map((v) => createHmac('sha256', ballotSecret).update(`${cycleId}:1:${v.requestId}`).digest('hex'));
    const papers: CountedPaper[] = votes.map((v, i) => ({
      handle: ids[i],
      paper: { choices: v.paper.choices, nextLeader: v.paper.nextLeader, nextDeputy: v.paper.nextDeputy },
    }));
    // Oldest cycles: the choices rode on the vote update.
    const inHistory: CastTrace[] = votes.map((v) => ({
      voter: v.voter,
      requestId: v.requestId,
      args: { actor: { unitCode: v.voter }, choices: v.paper.choices },
      castAt: v.castAt,
    }));
    expect(linkByHistory(inHistory, papers).map((l) => l.voter)).toEqual(expect.arrayContaining(votes.map((v) => v.voter)));
    // The ballot box: HMAC ids keyed by a secret the admins hold, each paper written 60–100 ms after its vote.
    const boxed: CastTrace[] = votes.map((v) => ({
      voter: v.voter,
      requestId: v.requestId,
      args: { actor: { unitCode: v.voter } },
      castAt: v.castAt,
    }));
    const bySecret = linkBySecrets(boxed, papers, [ballotSecret], { cycleId, round: 1 });
    expect(bySecret.filter((l) => l.attack === 'hmac id')).toHaveLength(6);
    const writes: WrittenRecord[] = votes.map((v, i) => ({ at: v.castAt + 80, text: JSON.stringify(ids.slice(0, i + 1)) }));
    const byOrder = linkByWriteOrder(boxed, papers, writes);
    expect(byOrder).toHaveLength(5);
    for (const link of byOrder) expect(ids[votes.findIndex((v) => v.voter === link.voter)]).toBe(link.handle);
  });

  /** The raw WAL bytes of the cluster from one LSN to another (read as the superuser, as an operator can). */
  async function walBetween(from: string, to: string): Promise<Buffer> {
    const at = async (value: string) =>
      (
        await h.dataSource.query<{ file_name: string; file_offset: number }[]>(
          `SELECT file_name, file_offset FROM pg_walfile_name_offset($1::pg_lsn)`,
          [value],
        )
      )[0];
    const first = await at(from);
    const last = await at(to);
    const files: { name: string }[] = await h.dataSource.query(
      `SELECT name FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$' AND name BETWEEN $1 AND $2 ORDER BY name`,
      [first.file_name, last.file_name],
    );
    const segment = Number(
      (await h.dataSource.query<{ setting: string }[]>(`SELECT setting FROM pg_settings WHERE name = 'wal_segment_size'`))[0]
        .setting,
    );
    const chunks: Buffer[] = [];
    for (const { name } of files) {
      const start = name === first.file_name ? Number(first.file_offset) : 0;
      const end = name === last.file_name ? Number(last.file_offset) : segment;
      if (end <= start) continue;
      const data: { bytes: Buffer }[] = await h.dataSource.query(`SELECT pg_read_binary_file($1, $2, $3) AS bytes`, [
        `pg_wal/${name}`,
        start,
        end - start,
      ]);
      chunks.push(data[0].bytes);
    }
    return Buffer.concat(chunks);
  }
});
