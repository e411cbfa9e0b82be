import { Role, ROLES } from '../../shared/actors';
import { type ChainDefinition, type Duration, type LevelDefinition, LevelMode } from '../../shared/approval';
import { ErrorCode } from '../../shared/errors';
import { fail, PASS, type Check } from '../outcome';

/** Roles that never approve: an admin only reassigns, an auditor only reads. */
const NON_DECIDING_ROLES: readonly Role[] = [Role.ADMIN, Role.AUDITOR];
const LEVEL_MODES: readonly string[] = Object.values(LevelMode);

export type DurationUnit = 'workingDays' | 'seconds';

/** The unit a duration is written in, or undefined when it names none or both. */
export function durationUnit(duration: Duration): DurationUnit | undefined {
  const hasDays = duration.workingDays !== undefined;
  const hasSeconds = duration.seconds !== undefined;
  if (hasDays === hasSeconds) return undefined;
  return hasDays ? 'workingDays' : 'seconds';
}

function durationValue(duration: Duration): number {
  return duration.workingDays ?? duration.seconds ?? 0;
}

const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

/** Problems of one duration; `min` is 1 for time limits and reminders, 0 for "escalate right at the due instant". */
function durationProblems(path: string, duration: Duration | undefined, min: 0 | 1): string[] {
  if (duration === undefined || duration === null || typeof duration !== 'object') return [`${path} must be an object`];
  const unit = durationUnit(duration);
  if (!unit) return [`${path} must give exactly one of workingDays and seconds`];
  const value = durationValue(duration);
  if (!Number.isInteger(value) || value < min) return [`${path}.${unit} must be a whole number >= ${min}: ${value}`];
  return [];
}

function quorumProblems(path: string, level: LevelDefinition): string[] {
  if (level.mode !== LevelMode.QUORUM) {
    return level.quorum === undefined ? [] : [`${path}.quorum is only for mode QUORUM`];
  }
  const quorum = level.quorum;
  if (!quorum) return [`${path}.quorum is required for mode QUORUM`];
  const { count, percent } = quorum;
  if ((count === undefined) === (percent === undefined)) return [`${path}.quorum must give exactly one of count and percent`];
  if (count !== undefined && (!Number.isInteger(count) || count <= 0)) {
    return [`${path}.quorum.count must be a whole number > 0: ${count}`];
  }
  if (percent !== undefined && (!Number.isFinite(percent) || percent <= 0 || percent > 100)) {
    return [`${path}.quorum.percent must be in (0, 100]: ${percent}`];
  }
  return [];
}

function reminderProblems(path: string, level: LevelDefinition): string[] {
  const reminders = level.remindBefore;
  if (reminders === undefined) return [];
  if (!Array.isArray(reminders)) return [`${path}.remindBefore must be a list`];
  if (reminders.length > 0 && !level.due) return [`${path}.remindBefore needs ${path}.due`];
  const dueUnit = level.due ? durationUnit(level.due) : undefined;
  return reminders.flatMap((reminder, i) => {
    const at = `${path}.remindBefore[${i}]`;
    const own = durationProblems(at, reminder, 1);
    if (own.length > 0 || !dueUnit || !level.due) return own;
    if (durationUnit(reminder) !== dueUnit) return [`${at} must be in ${dueUnit}, like ${path}.due`];
    if (durationValue(reminder) >= durationValue(level.due)) {
      return [`${at} (${durationValue(reminder)} ${dueUnit}) must be shorter than ${path}.due (${durationValue(level.due)})`];
    }
    return [];
  });
}

function escalationProblems(path: string, level: LevelDefinition, isLast: boolean): string[] {
  const escalation = level.escalation;
  if (escalation === undefined) return [];
  const problems = durationProblems(`${path}.escalation.after`, escalation.after, 0);
  if (!level.due) problems.push(`${path}.escalation needs ${path}.due`);
  if (escalation.to === 'NEXT_LEVEL') {
    if (isLast) problems.push(`${path}.escalation.to NEXT_LEVEL is impossible on the last level`);
  } else if (escalation.to === 'BLOC_LEADER') {
    // The Trưởng khối of the chain's bloc, resolved when the escalation fires.
  } else if (escalation.to === Role.UNIT_HEAD || escalation.to === Role.UNIT_FOCAL) {
    // A unit role would reach every unit of the province; the bloc's own head is BLOC_LEADER.
    problems.push(`${path}.escalation.to must not be a unit role (${escalation.to}), use BLOC_LEADER or a provincial role`);
  } else if (!ROLES.includes(escalation.to) || NON_DECIDING_ROLES.includes(escalation.to)) {
    problems.push(`${path}.escalation.to must be NEXT_LEVEL, BLOC_LEADER or a deciding role: ${String(escalation.to)}`);
  }
  return problems;
}

function levelProblems(level: LevelDefinition, index: number, count: number): string[] {
  const path = `levels[${index}]`;
  const problems: string[] = [];
  if (isBlank(level.code)) problems.push(`${path}.code is required`);
  if (isBlank(level.name)) problems.push(`${path}.name is required`);
  const role = level.approvers?.role;
  if (role !== 'BLOC_LEADER' && (!ROLES.includes(role) || NON_DECIDING_ROLES.includes(role))) {
    problems.push(`${path}.approvers.role must be BLOC_LEADER or a deciding role: ${String(role)}`);
  }
  const scope = level.approvers?.scope;
  const unitRole = role === Role.UNIT_HEAD || role === Role.UNIT_FOCAL;
  if (scope !== undefined && scope !== 'SUBJECT_UNIT')
    problems.push(`${path}.approvers.scope must be SUBJECT_UNIT: ${String(scope)}`);
  else if (unitRole && scope === undefined) {
    problems.push(`${path}.approvers.scope SUBJECT_UNIT is required for ${role} (the holders of the chain's own unit)`);
  } else if (!unitRole && scope !== undefined) problems.push(`${path}.approvers.scope is only for UNIT_HEAD and UNIT_FOCAL`);
  if (isBlank(level.approvers?.label)) problems.push(`${path}.approvers.label is required`);
  if (!LEVEL_MODES.includes(level.mode)) problems.push(`${path}.mode must be one of ${LEVEL_MODES.join(', ')}: ${level.mode}`);
  problems.push(...quorumProblems(path, level));
  if (level.due !== undefined) problems.push(...durationProblems(`${path}.due`, level.due, 1));
  problems.push(...reminderProblems(path, level));
  problems.push(...escalationProblems(path, level, index === count - 1));
  return problems;
}

function duplicateCodeProblems(levels: readonly LevelDefinition[]): string[] {
  const firstIndex = new Map<string, number>();
  return levels.flatMap((level, i) => {
    const first = firstIndex.get(level.code);
    if (first === undefined) {
      firstIndex.set(level.code, i);
      return [];
    }
    return [`levels[${i}].code duplicates levels[${first}].code: ${level.code}`];
  });
}

/** Every problem of a chain definition, each naming its field; an empty list means the definition is usable. */
export function chainDefinitionProblems(definition: ChainDefinition): string[] {
  const problems: string[] = [];
  if (isBlank(definition.code)) problems.push('code is required');
  if (isBlank(definition.name)) problems.push('name is required');
  if (!Number.isInteger(definition.maxReturnRounds) || definition.maxReturnRounds < 0) {
    problems.push(`maxReturnRounds must be a whole number >= 0: ${definition.maxReturnRounds}`);
  }
  if (definition.afterMaxRounds !== 'REJECT' && definition.afterMaxRounds !== 'ESCALATE') {
    problems.push(`afterMaxRounds must be REJECT or ESCALATE: ${String(definition.afterMaxRounds)}`);
  }
  const levels = Array.isArray(definition.levels) ? definition.levels : [];
  if (levels.length === 0) problems.push('levels must list at least one level');
  levels.forEach((level, i) => problems.push(...levelProblems(level, i, levels.length)));
  problems.push(...duplicateCodeProblems(levels));
  return problems;
}

export function validateChainDefinition(definition: ChainDefinition): Check {
  const problems = chainDefinitionProblems(definition);
  return problems.length === 0 ? PASS : fail(ErrorCode.APPROVAL_CHAIN_INVALID, problems.join('; '));
}
