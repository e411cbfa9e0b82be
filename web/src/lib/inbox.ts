import type { CycleView, InboxItem, Role } from '../api/types';

/** The role a person acts in, as the pages need it (the server derives the steps waiting for them: GET /v1/inbox). */
export interface Acting {
  role: Role;
  unitCode?: string;
  provinceCode?: string;
}

export interface Task extends InboxItem {
  /** The page where the step is done (path below /app). */
  href?: string;
  /** Decided with others in one go from the inbox: approval-chain items, and the Trưởng khối's acceptance of sheets. */
  bulk?: 'ACCEPT_ASSESSMENT' | 'APPROVAL';
}

export function isLeaderOf(cycle: CycleView, acting: Acting): boolean {
  return acting.role === 'UNIT_HEAD' && acting.unitCode === cycle.leaderUnit;
}

export function isDeputyOf(cycle: CycleView, acting: Acting): boolean {
  return acting.role === 'UNIT_HEAD' && acting.unitCode === cycle.deputyUnit;
}

/** The page where a cycle step is done, by action. */
export function stepHref(cycleId: string, action: string): string {
  const id = encodeURIComponent(cycleId);
  switch (action) {
    case 'LAUNCH':
      return `/cycles/${id}/bloc/launch`;
    case 'REVIEW_ASSESSMENT':
    case 'CLOSE_SELF_ASSESSMENT':
      return `/cycles/${id}/bloc/assessments`;
    case 'OPEN_CONFERENCE':
    case 'OPEN_BALLOT':
    case 'CLOSE_BALLOT':
    case 'DECIDE_TIE':
      return `/cycles/${id}/bloc/conference`;
    case 'SUBMIT_DOSSIER':
      return `/cycles/${id}/bloc/dossier`;
    case 'SIGN_PLEDGE':
    case 'SUBMIT_ASSESSMENT':
    case 'APPROVE_ASSESSMENT':
    case 'CROSS_SCORE':
    case 'CAST_BALLOT':
      return `/cycles/${id}/unit`;
    default:
      return `/cycles/${id}/board`;
  }
}

/** The server's inbox rows, with the page of each and whether it can be decided in bulk. */
export function decorate(items: readonly InboxItem[]): Task[] {
  return items.map((i): Task => {
    if (i.kind === 'APPROVAL' && i.chainId)
      return { ...i, href: `/approvals/${encodeURIComponent(i.chainId)}`, bulk: 'APPROVAL' };
    if (i.kind === 'CYCLE_STEP' && i.cycleId) {
      return {
        ...i,
        href: stepHref(i.cycleId, i.action),
        ...(i.action === 'REVIEW_ASSESSMENT' ? { bulk: 'ACCEPT_ASSESSMENT' } : {}),
      };
    }
    return { ...i };
  });
}

/** Overdue first, then by due date (undated last). */
export function sortTasks(tasks: readonly Task[]): Task[] {
  const due = (t: Task) => (t.dueAt ? Date.parse(t.dueAt) : Number.MAX_SAFE_INTEGER);
  return [...tasks].sort((a, b) => Number(b.overdue) - Number(a.overdue) || due(a) - due(b));
}
