import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import {
  activateLevel,
  cancelChain,
  chainStatus,
  decide,
  decideBulk,
  escalate,
  fireReminder,
  levelsToOpen,
  reassign,
  reopenLevel,
  resolveAssignees,
  startChain,
  vietnamDateOf,
} from '../domain/approval';
import { checkProvince } from '../domain/authorization';
import { WorkingCalendar } from '../domain/calendar/working-calendar';
import type { ApprovalActivities } from '../activities/approval.activities';
import type {
  ApprovalChainInput,
  ApprovalRefusal,
  ApproverRole,
  ApprovalResult,
  AssigneeInput,
  BulkCommand,
  ChainCommand,
  ChainState,
  ReassignCommand,
  RefusalDetails,
} from '../shared/approval';
import { Role, type Actor } from '../shared/actors';
import { chainBulkUpdate, chainCommandUpdate, chainReassignUpdate, chainStateQuery } from '../shared/approval-messages';
import { unsealed } from '../shared/command-seal';
import { ErrorCode } from '../shared/errors';
import { requireSealedStart, requireSealedUpdate } from './sealed';

const activities = proxyActivities<ApprovalActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});

/** A refusal thrown from a validator: nothing reaches history; the details name who won a race. */
function refuseWith(refusal: ApprovalRefusal): never {
  const details: RefusalDetails = { messageVi: refusal.messageVi, winner: refusal.winner, itemId: refusal.itemId };
  throw ApplicationFailure.create({ type: refusal.code, message: refusal.detail, nonRetryable: true, details: [details] });
}

const nowIso = () => new Date().toISOString();

/**
 * One approval chain (quy trình phê duyệt nhiều cấp): the pure engine of src/domain/approval holds the rules; this
 * workflow resolves approvers when a level opens (roles and delegations in force that day), runs every reminder and
 * escalation as a durable timer, and projects each new state (inbox, incidents, audit chain) before answering.
 */
export async function approvalChainWorkflow(sealedInput: ApprovalChainInput): Promise<ChainState> {
  const input = requireSealedStart(sealedInput, sealedInput.submittedBy);
  const calendar = new WorkingCalendar(input.calendar);
  const started = startChain(input, nowIso());
  if (!started.ok) throw ApplicationFailure.create({ type: started.code, message: started.detail, nonRetryable: true });
  let state = started.state;
  let changed = 0;

  const apply = (result: ApprovalResult): ChainState => {
    if (!result.ok) refuseWith(result);
    state = result.state;
    changed++;
    return state;
  };

  /** Assigns every level items have reached: the role's holders (or their delegates) as of today. */
  async function openLevels(): Promise<void> {
    for (let guard = 0; guard < 2 * state.levels.length + 2; guard++) {
      const next = levelsToOpen(state)[0];
      if (!next) return;
      if (next.activated) {
        apply(reopenLevel(state, next.levelIndex, nowIso(), calendar, input.extraDaysOff));
        continue;
      }
      const assignees = await assigneesOf(next.role, next.scope);
      apply(activateLevel(state, next.levelIndex, assignees, nowIso(), calendar, input.extraDaysOff));
    }
  }

  async function assigneesOf(role: ApproverRole, scope?: 'SUBJECT_UNIT'): Promise<AssigneeInput[]> {
    const at = nowIso();
    const localDate = vietnamDateOf(at);
    const found = await activities.resolveApprovers({
      role,
      provinceCode: input.subject.provinceCode,
      ...(input.subject.blocCode ? { blocCode: input.subject.blocCode } : {}),
      ...(scope === 'SUBJECT_UNIT' && input.subject.unitCode ? { unitCode: input.subject.unitCode } : {}),
      at,
      localDate,
    });
    return resolveAssignees(found.holders, found.delegations, localDate);
  }

  async function settle(): Promise<void> {
    await openLevels();
    await activities.projectChain(state);
  }

  const requireScope = (actor: Actor) => {
    const scope = checkProvince(actor, input.subject.provinceCode);
    if (!scope.ok) throw ApplicationFailure.create({ type: scope.code, message: scope.detail, nonRetryable: true });
  };

  setHandler(chainStateQuery, () => state);

  setHandler(
    chainCommandUpdate,
    async (command) => {
      apply(decide(state, unsealed(command), nowIso()));
      await settle();
      return state;
    },
    {
      validator: (command: ChainCommand) => {
        requireSealedUpdate(chainCommandUpdate.name, command);
        requireScope(command.actor);
        const dry = decide(state, command, nowIso());
        if (!dry.ok) refuseWith(dry);
      },
    },
  );

  setHandler(
    chainBulkUpdate,
    async (bulk) => {
      const commands = unsealed(bulk).commands.map((c) => ({ ...c, actor: bulk.actor }));
      const result = decideBulk(state, commands, nowIso());
      state = result.state;
      changed++;
      await settle();
      return { state, results: result.results };
    },
    {
      validator: (bulk: BulkCommand) => {
        requireSealedUpdate(chainBulkUpdate.name, bulk);
        requireScope(bulk.actor);
        if (bulk.commands.length === 0 || bulk.commands.length > 500) {
          throw ApplicationFailure.create({
            type: ErrorCode.VALIDATION_FAILED,
            message: 'commands: 1 to 500',
            nonRetryable: true,
          });
        }
      },
    },
  );

  setHandler(
    chainReassignUpdate,
    async (command) => {
      apply(reassign(state, unsealed(command), nowIso()));
      await settle();
      return state;
    },
    {
      validator: (command: ReassignCommand) => {
        requireSealedUpdate(chainReassignUpdate.name, command);
        if (command.actor.role !== Role.ADMIN) {
          throw ApplicationFailure.create({
            type: ErrorCode.FORBIDDEN_ACTOR,
            message: 'only an admin reassigns',
            nonRetryable: true,
          });
        }
        const dry = reassign(state, command, nowIso());
        if (!dry.ok) refuseWith(dry);
      },
    },
  );

  // Reminders and escalations: sleep until the earliest one due, or until a step changes the state. Each timer of
  // each clock is tried once (a no-op answer, e.g. for a level emptied meanwhile, is not retried).
  const tried = new Set<string>();
  try {
    await settle();
    while (chainStatus(state) !== 'COMPLETE') {
      const seen = changed;
      const wake = nextTimer(state, tried);
      if (wake === undefined) {
        await condition(() => changed !== seen);
        continue;
      }
      const stepped = await condition(() => changed !== seen, Math.max(0, Date.parse(wake.at) - Date.now()));
      if (!stepped) await fireDueTimers(tried);
    }
    await condition(allHandlersFinished);
  } catch (err) {
    if (!isCancellation(err)) throw err;
    // The step this chain serves ended without it (its parent cancelled it): close the open items, so that no task is
    // left in an inbox, then end as cancelled.
    await CancellationScope.nonCancellable(async () => {
      const closed = cancelChain(state, input.cancelReason ?? 'Bước xử lý của hồ sơ đã kết thúc', nowIso());
      if (closed.ok) state = closed.state;
      await activities.projectChain(state);
    });
    throw err;
  }
  await activities.projectChain(state);
  return state;

  async function fireDueTimers(tried: Set<string>): Promise<void> {
    const now = nowIso();
    let fired = false;
    const take = (result: ApprovalResult) => {
      if (result.ok && result.events.length > 0) {
        state = result.state;
        fired = true;
      }
    };
    for (const timer of dueTimers(state, tried, now)) {
      tried.add(timer.key);
      if (timer.kind === 'REMINDER') take(fireReminder(state, timer.levelCode, timer.index, now));
      else {
        const to = input.definition.levels[timer.levelIndex].escalation?.to;
        const assignees = to === undefined || to === 'NEXT_LEVEL' ? [] : await assigneesOf(to);
        take(escalate(state, timer.levelCode, assignees, nowIso()));
      }
    }
    if (fired) {
      changed++;
      await settle();
    }
  }
}

interface PendingTimer {
  key: string;
  at: string;
  kind: 'REMINDER' | 'ESCALATION';
  levelIndex: number;
  levelCode: string;
  index: number;
}

/** Reminders and escalations of the running clocks not yet tried, earliest first. */
function pendingTimers(state: ChainState, tried: ReadonlySet<string>): PendingTimer[] {
  const timers: PendingTimer[] = [];
  for (const [levelIndex, level] of state.levels.entries()) {
    const clockIndex = level.clocks.length - 1;
    const clock = level.clocks[clockIndex];
    if (!clock || clock.closedAt) continue;
    const base = { levelIndex, levelCode: level.levelCode };
    clock.remindAt.forEach((at, index) => {
      const key = `${level.levelCode}:${clockIndex}:R${index}`;
      if (!clock.remindersFired.includes(index) && !tried.has(key)) timers.push({ ...base, key, at, kind: 'REMINDER', index });
    });
    const key = `${level.levelCode}:${clockIndex}:E`;
    if (state.definition.levels[levelIndex].escalation && clock.escalateAt && !clock.escalatedAt && !tried.has(key)) {
      timers.push({ ...base, key, at: clock.escalateAt, kind: 'ESCALATION', index: 0 });
    }
  }
  return timers.sort((a, b) => a.at.localeCompare(b.at));
}

function nextTimer(state: ChainState, tried: ReadonlySet<string>): PendingTimer | undefined {
  return pendingTimers(state, tried)[0];
}

function dueTimers(state: ChainState, tried: ReadonlySet<string>, now: string): PendingTimer[] {
  return pendingTimers(state, tried).filter((t) => t.at <= now);
}
