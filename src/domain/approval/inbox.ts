import type { ChainState, OpenTask } from '../../shared/approval';
import { isBarred, liveVotes, openAssignments, pendingItemsAt, personOf, runningClock } from './queries';
import { instantMs } from './schedule';

/**
 * What each person is waiting to do: one row per open task that has items to decide, listing the items pending at
 * its level that this task has not voted on and may decide (items it is barred from are left out; they show as
 * incidents when nobody else can decide them). `overdue` is given only with `now`.
 */
export function openTasks(state: ChainState, now?: string): OpenTask[] {
  return state.levels.flatMap((level, levelIndex) => {
    const pending = pendingItemsAt(state, levelIndex);
    if (pending.length === 0) return [];
    const definition = state.definition.levels[levelIndex];
    const dueAt = runningClock(level)?.dueAt;
    return openAssignments(level).flatMap((assignment): OpenTask[] => {
      const items = pending.filter(
        (item) =>
          !isBarred(state, assignment, item) && !liveVotes(state, item).some((v) => v.assignmentId === assignment.assignmentId),
      );
      if (items.length === 0) return [];
      return [
        {
          assignmentId: assignment.assignmentId,
          levelCode: definition.code,
          levelName: definition.name,
          ...personOf(assignment),
          ...(assignment.actingFor ? { actingFor: assignment.actingFor } : {}),
          capacity: assignment.capacity,
          itemIds: items.map((item) => item.itemId),
          ...(dueAt ? { dueAt } : {}),
          ...(dueAt && now ? { overdue: instantMs(now) > instantMs(dueAt) } : {}),
          round: Math.max(...items.map((item) => item.round)),
        },
      ];
    });
  });
}
