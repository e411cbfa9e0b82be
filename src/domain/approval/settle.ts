/**
 * Housekeeping that closes every step, so that no action can forget it: clocks of emptied levels stop, incidents
 * open while a level cannot act and resolve when it can again, and the chain completes once no item is open.
 */
import { type ApprovalSuccess, type ApproverRole, type Incident, type IncidentReason, ItemStatus } from '../../shared/approval';
import { isOpenItem, openAssignments, orderedItems, pendingItemsAt, runningClock } from './queries';
import { cannotBeSettled, electorateFor } from './tally';
import { emit, type Tx } from './tx';

export interface Blockage {
  reason: IncidentReason;
  itemIds: string[];
  detail: string;
}

/** Reasons this module opens and resolves by itself; NO_ESCALATION_APPROVER is opened by escalate. */
const CONDITION_REASONS: readonly IncidentReason[] = ['NO_APPROVER', 'NO_ELIGIBLE_APPROVER', 'QUORUM_UNREACHABLE'];

function blockagesAt(tx: Tx, levelIndex: number): Blockage[] {
  const state = tx.state;
  const pending = pendingItemsAt(state, levelIndex);
  if (pending.length === 0 || state.levels[levelIndex].activatedAt === undefined) return [];
  const ids = (items: typeof pending): string[] => items.map((item) => item.itemId);
  if (openAssignments(state.levels[levelIndex]).length === 0) {
    return [{ reason: 'NO_APPROVER', itemIds: ids(pending), detail: 'nobody is assigned to this level' }];
  }
  const stuck = pending.filter((item) => cannotBeSettled(state, item));
  const nobody = stuck.filter((item) => electorateFor(state, item).eligible.length === 0);
  const short = stuck.filter((item) => !nobody.includes(item));
  const blockages: Blockage[] = [];
  if (nobody.length > 0) {
    blockages.push({
      reason: 'NO_ELIGIBLE_APPROVER',
      itemIds: ids(nobody),
      detail: `every assignee is barred (four eyes or recusal) from ${ids(nobody).join(', ')}`,
    });
  }
  if (short.length > 0) {
    blockages.push({
      reason: 'QUORUM_UNREACHABLE',
      itemIds: ids(short),
      detail: `fewer eligible assignees than the quorum needs for ${ids(short).join(', ')}`,
    });
  }
  return blockages;
}

/** Opens an incident at a level; `role` is whose holders are missing (the level's approvers unless given). */
export function openIncident(tx: Tx, levelIndex: number, blockage: Blockage, role?: ApproverRole): void {
  const level = tx.state.definition.levels[levelIndex];
  const levelCode = level.code;
  const incident: Incident = {
    incidentId: `${tx.state.chainId}/INC-${tx.state.incidents.length + 1}`,
    levelCode,
    reason: blockage.reason,
    role: role ?? level.approvers.role,
    itemIds: blockage.itemIds,
    detail: blockage.detail,
    openedAt: tx.now,
  };
  tx.state.incidents.push(incident);
  emit(tx, {
    type: 'INCIDENT_OPENED',
    levelCode,
    itemIds: blockage.itemIds,
    incidentId: incident.incidentId,
    detail: `${blockage.reason}: ${blockage.detail}`,
  });
}

export function resolveIncident(tx: Tx, incident: Incident, resolution: string): void {
  incident.resolvedAt = tx.now;
  incident.resolution = resolution;
  emit(tx, {
    type: 'INCIDENT_RESOLVED',
    levelCode: incident.levelCode,
    itemIds: incident.itemIds,
    incidentId: incident.incidentId,
    detail: `${incident.reason} resolved: ${resolution}`,
  });
}

function refreshIncidentsAt(tx: Tx, levelIndex: number): void {
  const levelCode = tx.state.definition.levels[levelIndex].code;
  const blockages = blockagesAt(tx, levelIndex);
  const open = tx.state.incidents.filter((i) => i.levelCode === levelCode && i.resolvedAt === undefined);
  for (const reason of CONDITION_REASONS) {
    const blockage = blockages.find((b) => b.reason === reason);
    const incident = open.find((i) => i.reason === reason);
    if (blockage && !incident) openIncident(tx, levelIndex, blockage);
    if (blockage && incident) Object.assign(incident, { itemIds: blockage.itemIds, detail: blockage.detail });
    if (!blockage && incident) {
      const idle = pendingItemsAt(tx.state, levelIndex).length === 0;
      resolveIncident(tx, incident, tx.cause ?? (idle ? 'no pending item left' : 'the level can act again'));
    }
  }
  const escalationGap = open.find((i) => i.reason === 'NO_ESCALATION_APPROVER');
  if (escalationGap && pendingItemsAt(tx.state, levelIndex).length === 0) {
    resolveIncident(tx, escalationGap, 'no pending item left');
  }
}

/**
 * A level left without pending items stops its clock. Escalation tasks end with it: a superior steps in for one late
 * visit of the level, and items that come back later get the level's own assignees first.
 */
function closeIdleClocks(tx: Tx): void {
  tx.state.levels.forEach((level, index) => {
    const clock = runningClock(level);
    if (!clock || pendingItemsAt(tx.state, index).length > 0) return;
    clock.closedAt = tx.now;
    for (const assignment of openAssignments(level).filter((a) => a.capacity === 'ESCALATION')) {
      assignment.closedAt = tx.now;
      assignment.closedReason = 'escalation ends with the level visit it was added for';
    }
  });
}

function completeIfDone(tx: Tx): void {
  const items = orderedItems(tx.state);
  if (tx.state.completedAt !== undefined || items.some(isOpenItem)) return;
  tx.state.completedAt = tx.now;
  const count = (status: ItemStatus): number => items.filter((item) => item.status === status).length;
  const summary = [ItemStatus.APPROVED, ItemStatus.REJECTED, ItemStatus.RETURNED, ItemStatus.WITHDRAWN, ItemStatus.ESCALATED]
    .map((status) => `${count(status)} ${status}`)
    .join(', ');
  emit(tx, { type: 'CHAIN_COMPLETED', itemIds: items.map((item) => item.itemId), detail: summary });
}

/** Ends a step: housekeeping, then the new state and the events the step appended. */
export function commit(tx: Tx): ApprovalSuccess {
  closeIdleClocks(tx);
  tx.state.levels.forEach((_, index) => refreshIncidentsAt(tx, index));
  completeIfDone(tx);
  return { ok: true, state: tx.state, events: tx.events };
}
