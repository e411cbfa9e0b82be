import { activateLevel, decide, levelsToOpen, reopenLevel, startChain } from '../../../src/domain/approval';
import { CIVIL_SERVICE_SCHEDULES } from '../../../src/domain/calendar/schedules';
import { WorkingCalendar } from '../../../src/domain/calendar/working-calendar';
import { type Actor, Role } from '../../../src/shared/actors';
import {
  type ApprovalCommand,
  type ApprovalRefusal,
  type ApprovalResult,
  type ApprovalSuccess,
  type AssigneeInput,
  type ChainDefinition,
  type ChainEvent,
  type ChainState,
  type ItemInput,
  type ItemState,
  type LevelDefinition,
  type LevelMode,
  type StartChainInput,
} from '../../../src/shared/approval';

export const calendar = new WorkingCalendar(CIVIL_SERVICE_SCHEDULES);

/** Monday 01/12/2025, 09:00 in Hà Nội. */
export const T0 = '2025-12-01T02:00:00.000Z';

export const later = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

export const actor = (userId: string, role: Role, unitCode?: string): Actor => ({
  userId,
  role,
  ...(unitCode ? { unitCode } : {}),
});
export const person = (userId: string, unitCode?: string): AssigneeInput => ({
  userId,
  displayName: `Ông/bà ${userId}`,
  ...(unitCode ? { unitCode } : {}),
});

export const SUBMITTER = actor('truong-khoi', Role.UNIT_HEAD, 'HLHPN');
export const ADMIN = actor('admin', Role.ADMIN);

/** Freezes a value deeply, so that an action mutating its input throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value as Record<string, unknown>).forEach(deepFreeze);
  }
  return value;
}

export function ok(result: ApprovalResult): ApprovalSuccess {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.detail}`);
  return result;
}

export function refused(result: ApprovalResult): ApprovalRefusal {
  if (result.ok) throw new Error(`expected a refusal, got success with ${result.events.map((e) => e.type).join(', ')}`);
  return result;
}

export function level(code: string, role: Role, mode: LevelMode, extra: Partial<LevelDefinition> = {}): LevelDefinition {
  return { code, name: `Cấp ${code}`, approvers: { role, label: `Người xử lý ${code}` }, mode, ...extra };
}

export function chain(levels: LevelDefinition[], extra: Partial<ChainDefinition> = {}): ChainDefinition {
  return { code: 'TEST', name: 'Quy trình thử', levels, maxReturnRounds: 2, afterMaxRounds: 'REJECT', ...extra };
}

export const items = (...ids: string[]): ItemInput[] => ids.map((itemId) => ({ itemId, title: `Đề nghị ${itemId}` }));

/**
 * A tiny stand-in for the workflow: it applies commands, and after each step activates or reopens the levels that
 * need it, with the people listed per level code, as the workflow would after resolving role holders.
 */
export class Sim {
  state: ChainState;
  now: string;

  constructor(
    definition: ChainDefinition,
    itemInputs: ItemInput[],
    readonly people: Record<string, AssigneeInput[]>,
    options: {
      now?: string;
      extraDaysOff?: string[];
      submittedBy?: Actor;
      /** Start options of a step's chain, and the subject unit (for SUBJECT_UNIT levels). */
      start?: Pick<StartChainInput, 'returnsEndChain' | 'firstRound'> & { unitCode?: string };
    } = {},
  ) {
    this.now = options.now ?? T0;
    this.extraDaysOff = options.extraDaysOff ?? [];
    const submitter = options.submittedBy ?? SUBMITTER;
    const { unitCode, ...start } = options.start ?? {};
    const started = ok(
      startChain(
        {
          chainId: 'chain-1',
          definition,
          subject: {
            provinceCode: 'BK',
            blocCode: 'MTTQ',
            cycleId: 'cycle.BK.MTTQ.2025',
            title: 'Hồ sơ khen thưởng năm 2025',
            ...(unitCode === undefined ? {} : { unitCode }),
          },
          submittedBy: { userId: submitter.userId, displayName: 'Trưởng khối', unitCode: submitter.unitCode },
          items: itemInputs,
          ...start,
        },
        this.now,
      ),
    );
    this.state = started.state;
    this.openLevels();
  }

  private readonly extraDaysOff: string[];

  /** Applies a step to the frozen current state and keeps its result when it succeeds. */
  apply(step: (state: ChainState) => ApprovalResult): ApprovalResult {
    const result = step(deepFreeze(this.state));
    if (result.ok) {
      this.state = result.state;
      this.openLevels();
    }
    return result;
  }

  do(command: ApprovalCommand): ApprovalResult {
    return this.apply((state) => decide(state, command, this.now));
  }

  must(command: ApprovalCommand): ApprovalSuccess {
    return ok(this.do(command));
  }

  refusal(command: ApprovalCommand): ApprovalRefusal {
    return refused(this.do(command));
  }

  approve(userId: string, itemIds: string[], actorUnit?: string): ApprovalSuccess {
    return this.must({ type: 'APPROVE', actor: actor(userId, Role.BOARD_SPECIALIST, actorUnit), itemIds });
  }

  reject(userId: string, itemIds: string[], reason = 'Không đủ tiêu chuẩn'): ApprovalSuccess {
    return this.must({ type: 'REJECT', actor: actor(userId, Role.BOARD_SPECIALIST), itemIds, reason });
  }

  returnItems(userId: string, itemIds: string[], reason = 'Bổ sung báo cáo thành tích'): ApprovalSuccess {
    return this.must({ type: 'RETURN', actor: actor(userId, Role.BOARD_SPECIALIST), itemIds, reason });
  }

  resubmit(itemIds: string[]): ApprovalSuccess {
    return this.must({ type: 'RESUBMIT', actor: SUBMITTER, itemIds });
  }

  at(now: string): this {
    this.now = now;
    return this;
  }

  item(itemId: string): ItemState {
    return this.state.items[itemId];
  }

  where(itemId: string): string {
    const item = this.item(itemId);
    return `${item.status}@${this.state.definition.levels[item.levelIndex].code}#${item.round}`;
  }

  /** The chain's own log: every event from the submission on. */
  get log(): ChainEvent[] {
    return this.state.log;
  }

  types(): string[] {
    return this.log.map((event) => event.type);
  }

  private openLevels(): void {
    for (const toOpen of levelsToOpen(this.state)) {
      const people = this.people[toOpen.levelCode];
      if (!toOpen.activated && people === undefined) continue;
      const frozen = deepFreeze(this.state);
      const result = toOpen.activated
        ? reopenLevel(frozen, toOpen.levelIndex, this.now, calendar, this.extraDaysOff)
        : activateLevel(frozen, toOpen.levelIndex, people, this.now, calendar, this.extraDaysOff);
      this.state = ok(result).state;
    }
  }
}
