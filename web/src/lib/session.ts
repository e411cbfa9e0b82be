import { useEffect, useState } from 'preact/hooks';
import { actingRole, ApiError, hasSession, setActingRole, subscribe, type ActingRole } from '../api/client';
import { getMe } from '../api/endpoints';
import type { Me, RoleView } from '../api/types';
import type { Acting } from './inbox';

/** Who is logged in and the role they act in (x-acting-role), shared by every page. */
export interface SessionState {
  status: 'anonymous' | 'loading' | 'ready' | 'failed';
  me?: Me;
  error?: ApiError;
}

let state: SessionState = { status: hasSession() ? 'loading' : 'anonymous' };
const listeners = new Set<() => void>();

function set(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

subscribe(() => {
  if (!hasSession() && state.status !== 'anonymous') set({ status: 'anonymous' });
});

/** /auth/me answers without a chosen role; a remembered role no longer held is dropped. */
async function fetchMe(): Promise<Me> {
  try {
    return await getMe();
  } catch (err) {
    if (err instanceof ApiError && err.code === 'FORBIDDEN_ACTOR' && actingRole()) {
      setActingRole(null);
      return getMe();
    }
    throw err;
  }
}

export const currentRoles = (me: Me): RoleView[] => me.roles.filter((r) => r.current);

const sameRole = (r: RoleView, a: ActingRole) => r.role === a.role && (a.unitCode === undefined || r.unitCode === a.unitCode);

/** Keeps the chosen role if still held; otherwise picks the first one held now (several roles need a choice). */
function settleActing(me: Me): void {
  const held = currentRoles(me);
  const chosen = actingRole();
  if (chosen && held.some((r) => sameRole(r, chosen))) return;
  if (held.length > 1) setActingRole({ role: held[0].role, ...(held[0].unitCode ? { unitCode: held[0].unitCode } : {}) });
  else if (chosen) setActingRole(null);
}

export async function loadSession(): Promise<void> {
  if (!hasSession()) return set({ status: 'anonymous' });
  set({ status: 'loading', me: state.me });
  try {
    const first = await fetchMe();
    settleActing(first);
    // With a role now chosen, /me answers with that role's bloc seats.
    const me = actingRole() ? await getMe() : first;
    set({ status: 'ready', me });
  } catch (err) {
    if (!hasSession()) set({ status: 'anonymous' });
    else set({ status: 'failed', error: err instanceof ApiError ? err : new ApiError(0, 'CLIENT', 'Lỗi không xác định.') });
  }
}

export async function switchRole(role: RoleView): Promise<void> {
  setActingRole({ role: role.role, ...(role.unitCode ? { unitCode: role.unitCode } : {}) });
  await loadSession();
}

export function useSession(): SessionState {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((n) => n + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return state;
}

/** The role the person acts in now, with its unit and province. */
export function actingOf(me: Me): Acting & { label: string } {
  const held = currentRoles(me);
  const chosen = actingRole();
  const role = (chosen && held.find((r) => sameRole(r, chosen))) ?? held[0];
  // A person with no role held now: a safe (read-only) default; the API refuses their every action anyway.
  if (!role) return { role: 'AUDITOR', label: 'Chưa có vai trò' };
  return {
    role: role.role,
    ...(role.unitCode ? { unitCode: role.unitCode } : {}),
    ...(role.provinceCode ? { provinceCode: role.provinceCode } : {}),
    label: role.labelVi,
  };
}
