import { checkNotBefore } from '../date-order';
import { computeQuorum } from '../quorum';
import { requiredCount } from '../ratio';
import { enforce, refuse } from '../cycle/refusal';
import { fail, PASS, type Check } from '../outcome';
import { checkRole } from '../authorization';
import { Role } from '../../shared/actors';
import { NomineeStatus } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import { AWARD_TYPES, CountBase, type AwardType, type ProvinceRules } from '../../shared/rules';
import { atOf, findItem, openAnd, requireDate, requireDistinct, roundRuleSetOn, text } from './common';
import type { RoundAppliers } from './events';
import type { RoundStepRules } from './machine-types';
import type { CouncilSession, RoundItem, RoundMachine, RoundView, SessionVote } from './types';

// ---- The provincial council (Hội đồng TĐKT tỉnh): sessions, attendance, secret ballot per item ----

/** An award session needs the larger of the quorum and the award session's attendance (domain.md §3.1). */
const attendanceRatio = (rules: ProvinceRules) => Math.max(rules.council.quorumRatio, rules.council.awardSessionAttendanceRatio);

export const writtenVotesAllowed = (rules: ProvinceRules): boolean => rules.council.allowAbsentWrittenVote !== false;

export function findSession(view: RoundView, id: string): CouncilSession {
  const session = view.sessions.find((s) => s.id === id);
  if (!session) refuse(ErrorCode.SESSION_NOT_FOUND, `no session ${id} in round ${view.roundId}`);
  return session;
}

const openSessionOf = (view: RoundView): CouncilSession | undefined => view.sessions.find((s) => s.status === 'OPEN');

/** The council's secretary, present at the session, enters its counted tallies. */
function checkSecretary(session: CouncilSession, userId: string): Check {
  const member = session.members.find((m) => m.memberId === userId);
  if (!member) return fail(ErrorCode.COUNCIL_NOT_MEMBER, `${userId} is not a member of the council on ${session.sessionDate}`);
  if (!session.present.includes(userId))
    return fail(ErrorCode.COUNCIL_MEMBER_ABSENT, `${userId} is absent from session ${session.id}`);
  if (member.councilRole !== 'THU_KY') {
    return fail(
      ErrorCode.FORBIDDEN_ACTOR,
      `only the council's secretary (THU_KY) enters the tallies; ${userId} is ${member.councilRole}`,
    );
  }
  return PASS;
}

const lastSessionDate = (view: RoundView) =>
  view.sessions.length > 0
    ? {
        field: 'sessionDate',
        what: `session ${view.sessions[view.sessions.length - 1].id}`,
        date: view.sessions[view.sessions.length - 1].sessionDate,
      }
    : undefined;

export const councilSteps: RoundStepRules = {
  openSession: {
    guard: (view, actor) => {
      const base = openAnd(view, actor, Role.BOARD_HEAD);
      if (!base.ok) return base;
      const open = openSessionOf(view);
      return open ? fail(ErrorCode.WRONG_STATE, `session ${open.id} is still open: adjourn or close it first`) : PASS;
    },
    check: (m, cmd) => {
      requireDate('sessionDate', cmd.sessionDate);
      enforce(
        checkNotBefore({ field: 'sessionDate', what: 'the council session', date: cmd.sessionDate }, lastSessionDate(m.view)),
      );
      const rules = roundRuleSetOn(m, cmd.sessionDate).rules;
      requireDistinct(
        cmd.members.map((x) => x.memberId),
        'members',
      );
      const members = new Set(cmd.members.map((x) => x.memberId));
      const present = new Set<string>();
      for (const id of cmd.present) {
        if (!members.has(id)) refuse(ErrorCode.COUNCIL_NOT_MEMBER, `${id} is not a member of the council on ${cmd.sessionDate}`);
        if (present.has(id)) refuse(ErrorCode.VALIDATION_FAILED, `${id} is listed twice in present`);
        present.add(id);
      }
      const written = cmd.writtenVotes ?? [];
      if (written.length > 0 && !writtenVotesAllowed(rules)) {
        refuse(
          ErrorCode.VALIDATION_FAILED,
          `writtenVotes: the rule set ${rules.rulesVersion} counts no written votes of absent members`,
        );
      }
      const seen = new Set<string>();
      for (const id of written) {
        if (!members.has(id)) refuse(ErrorCode.COUNCIL_NOT_MEMBER, `${id} is not a member of the council on ${cmd.sessionDate}`);
        if (present.has(id)) refuse(ErrorCode.VALIDATION_FAILED, `${id} is present; a written vote is for an absent member`);
        if (seen.has(id)) refuse(ErrorCode.VALIDATION_FAILED, `${id} is listed twice in writtenVotes`);
        seen.add(id);
      }
    },
    events: (m, cmd, ctx) => {
      const set = roundRuleSetOn(m, cmd.sessionDate);
      const quorum = computeQuorum(cmd.present.length, cmd.members.length, attendanceRatio(set.rules));
      const session: CouncilSession = {
        id: `S${m.view.sessions.length + 1}`,
        sessionDate: cmd.sessionDate,
        status: 'OPEN',
        members: cmd.members,
        present: [...cmd.present],
        writtenVotes: [...(cmd.writtenVotes ?? [])],
        quorum,
        rulesVersion: set.version,
        votes: [],
        openedBy: cmd.actor.userId,
      };
      return [
        {
          type: 'SESSION_OPENED',
          at: atOf(ctx),
          actor: cmd.actor,
          session,
          data: {
            sessionId: session.id,
            sessionDate: session.sessionDate,
            present: session.present.length,
            members: session.members.length,
            quorum,
          },
        },
      ];
    },
  },

  voteTallies: {
    guard: (view, actor) => openAnd(view, actor, Role.COUNCIL_MEMBER, Role.BOARD_HEAD),
    check: (m, cmd) => {
      const session = findSession(m.view, cmd.sessionId);
      if (session.status !== 'OPEN') refuse(ErrorCode.WRONG_STATE, `session ${session.id} is ${session.status}`);
      if (!session.quorum.met) {
        refuse(
          ErrorCode.COUNCIL_QUORUM_NOT_MET,
          `${session.quorum.present} of ${session.quorum.base} council members present; ${session.quorum.required} required: the session can only be adjourned`,
        );
      }
      enforce(checkSecretary(session, cmd.actor.userId));
      requireDistinct(
        cmd.tallies.map((t) => t.itemId),
        'tallies',
      );
      const ballots = session.present.length + session.writtenVotes.length;
      for (const t of cmd.tallies) {
        const item = findItem(m.view, t.itemId);
        if (item.status === NomineeStatus.COUNCIL_REJECTED)
          refuse(ErrorCode.WRONG_STATE, `${item.id} was rejected by the council`);
        if (item.status !== NomineeStatus.AWAITING_COUNCIL) {
          refuse(ErrorCode.WRONG_STATE, `${item.id} is ${item.status}, not awaiting the council`);
        }
        for (const n of [t.votesFor, t.votesAgainst, t.invalid]) {
          if (!Number.isInteger(n) || n < 0) refuse(ErrorCode.VALIDATION_FAILED, `${item.id}: counts must be whole numbers ≥ 0`);
        }
        if (t.votesFor + t.votesAgainst + t.invalid > ballots) {
          refuse(
            ErrorCode.VALIDATION_FAILED,
            `${item.id}: ${t.votesFor + t.votesAgainst + t.invalid} ballots counted, more than the ${ballots} present and written votes`,
          );
        }
      }
    },
    events: (m, cmd, ctx) => {
      const session = findSession(m.view, cmd.sessionId);
      const set = roundRuleSetOn(m, session.sessionDate);
      const base =
        set.rules.council.thresholdBase === CountBase.TOTAL_MEMBERS
          ? session.members.length
          : session.present.length + session.writtenVotes.length;
      const required = requiredCount(set.rules.council.threshold, base);
      const votes: SessionVote[] = cmd.tallies.map((t) => {
        const passed = t.votesFor >= required;
        const reason = passed
          ? undefined
          : (text(t.reason) ??
            `Không đạt số phiếu của Hội đồng: ${t.votesFor}/${base} phiếu đồng ý, cần ${required} (${set.rules.council.basis})`);
        return {
          itemId: t.itemId,
          votesFor: t.votesFor,
          votesAgainst: t.votesAgainst,
          invalid: t.invalid,
          required,
          passed,
          ...(reason ? { reason } : {}),
        };
      });
      return [
        {
          type: 'VOTES_RECORDED',
          at: atOf(ctx),
          actor: cmd.actor,
          sessionId: session.id,
          votes,
          rulesVersion: set.version,
          outcomes: votes.map((v) => ({
            itemId: v.itemId,
            status: v.passed ? NomineeStatus.AWAITING_DECISION : NomineeStatus.COUNCIL_REJECTED,
            reason: v.reason,
          })),
          data: { sessionId: session.id, required, items: votes.length, passed: votes.filter((v) => v.passed).length },
        },
      ];
    },
  },

  endSession: {
    guard: (view, actor) => {
      const base = openAnd(view, actor, Role.BOARD_HEAD);
      return base.ok ? checkRole(actor, Role.BOARD_HEAD) : base;
    },
    check: (m, cmd) => {
      const session = findSession(m.view, cmd.sessionId);
      if (session.status !== 'OPEN') refuse(ErrorCode.WRONG_STATE, `session ${session.id} is ${session.status}`);
      if (cmd.end === 'ADJOURN' && !text(cmd.reason))
        refuse(ErrorCode.REASON_REQUIRED, 'an adjourned session needs a reason in its minutes');
      if (cmd.end === 'CLOSE' && !session.quorum.met) {
        refuse(ErrorCode.COUNCIL_QUORUM_NOT_MET, `session ${session.id} is below quorum: it can only be adjourned`);
      }
    },
    events: (_m, cmd, ctx) => [
      {
        type: 'SESSION_ENDED',
        at: atOf(ctx),
        actor: cmd.actor,
        sessionId: cmd.sessionId,
        status: cmd.end === 'ADJOURN' ? 'ADJOURNED' : 'CLOSED',
        reason: text(cmd.reason),
        by: cmd.actor.userId,
        data: { sessionId: cmd.sessionId, end: cmd.end, reason: text(cmd.reason) },
      },
    ],
  },
};

export const councilAppliers: Pick<RoundAppliers, 'SESSION_OPENED' | 'VOTES_RECORDED' | 'SESSION_ENDED'> = {
  SESSION_OPENED: (m, e) => {
    m.view.sessions.push(e.session);
  },
  VOTES_RECORDED: (m, e) => {
    const session = findSession(m.view, e.sessionId);
    session.votes.push(...e.votes);
    for (const v of e.votes) {
      const item = findItem(m.view, v.itemId);
      item.council = {
        sessionId: session.id,
        votesFor: v.votesFor,
        votesAgainst: v.votesAgainst,
        invalid: v.invalid,
        required: v.required,
        passed: v.passed,
        rulesVersion: e.rulesVersion,
      };
      item.status = v.passed ? NomineeStatus.AWAITING_DECISION : NomineeStatus.COUNCIL_REJECTED;
      if (v.reason) item.reason = v.reason;
    }
  },
  SESSION_ENDED: (m, e) => {
    const session = findSession(m.view, e.sessionId);
    session.status = e.status;
    if (e.status === 'ADJOURNED') session.adjournReason = e.reason;
    session.closedBy = e.by;
  },
};

/** One award's group at the council: its items ranked by council votes (then the bloc's), beside the province's target. */
export interface AwardGroup {
  award: AwardType;
  target?: number;
  proposed: number;
  approved: number;
  ranking: { itemId: string; unitCode: string; votesFor?: number; ballotVotes?: number; status: NomineeStatus }[];
}

export function councilGroups(view: RoundView): AwardGroup[] {
  const approvedStatuses = [NomineeStatus.AWAITING_DECISION, NomineeStatus.APPROVED, NomineeStatus.FORWARDED];
  const score = (i: RoundItem) => [i.council?.votesFor ?? -1, i.ballotVotes ?? -1];
  return AWARD_TYPES.map((award) => {
    const items = view.items.filter((i) => i.award === award);
    const ranking = [...items]
      .sort((a, b) => {
        const [a1, a2] = score(a);
        const [b1, b2] = score(b);
        return b1 - a1 || b2 - a2 || (a.id < b.id ? -1 : 1);
      })
      .map((i) => ({
        itemId: i.id,
        unitCode: i.unitCode,
        votesFor: i.council?.votesFor,
        ballotVotes: i.ballotVotes,
        status: i.status,
      }));
    return {
      award,
      target: view.targets[award],
      proposed: items.length,
      approved: items.filter((i) => approvedStatuses.includes(i.status)).length,
      ranking,
    };
  }).filter((g) => g.proposed > 0 || g.target !== undefined);
}

export const sessionOfMachine = (m: RoundMachine, id: string): CouncilSession => findSession(m.view, id);
