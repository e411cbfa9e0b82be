import { useId, useState } from 'preact/hooks';
import { logout } from '../api/client';
import { listCycles } from '../api/endpoints';
import { useResource } from '../lib/hooks';
import type { Me, Role } from '../api/types';
import { Link, navigate } from '../lib/router';
import { actingOf, currentRoles, switchRole } from '../lib/session';
import { Badge, Button, Spinner } from './ui';

const BOARD_ROLES: readonly Role[] = ['BOARD_SPECIALIST', 'BOARD_HEAD', 'CHAIRMAN', 'COUNCIL_MEMBER', 'ADMIN', 'AUDITOR'];

interface NavItem {
  href: string;
  label: string;
}

/** `unitLedACycle`: the person's unit led a cycle (a former Trưởng khối keeps read access to the years it led). */
export function navItems(me: Me, unitLedACycle = false): NavItem[] {
  const acting = actingOf(me);
  const items: NavItem[] = [
    { href: '/inbox', label: 'Việc chờ xử lý' },
    { href: '/cycles', label: 'Chu kỳ thi đua' },
  ];
  if (acting.unitCode) {
    items.push({ href: '/unit', label: 'Đơn vị của tôi' });
    if (me.blocAuthorities.some((a) => a.capacity === 'LEADER') || unitLedACycle)
      items.push({ href: '/bloc', label: 'Khối thi đua' });
    items.push({ href: `/units/${encodeURIComponent(acting.unitCode)}/awards`, label: 'Khen thưởng của đơn vị' });
  }
  if (BOARD_ROLES.includes(acting.role)) {
    items.push({ href: '/board', label: 'Theo dõi các khối' });
    items.push({ href: '/rounds', label: 'Đợt xét khen thưởng' });
  }
  if (acting.role === 'ADMIN' || acting.role === 'BOARD_HEAD') items.push({ href: '/organisation', label: 'Tổ chức' });
  if (acting.role === 'ADMIN' || acting.role === 'AUDITOR') items.push({ href: '/admin', label: 'Quản trị' });
  return items;
}

/** The menu entry a page belongs to: a cycle's unit, bloc and board pages belong to their own entries. */
function activeNav(path: string): string {
  if (path === '/' || path.startsWith('/inbox') || path.startsWith('/approvals/')) return '/inbox';
  if (/^\/cycles\/[^/]+\/unit/.test(path) || path === '/unit') return '/unit';
  if (/^\/cycles\/[^/]+\/bloc/.test(path) || path === '/bloc') return '/bloc';
  if (/^\/cycles\/[^/]+\/board/.test(path) || path === '/board') return '/board';
  if (path.startsWith('/admin')) return '/admin';
  if (path.startsWith('/rounds')) return '/rounds';
  if (path.startsWith('/cycles')) return '/cycles';
  return path;
}

function RoleSwitcher({ me }: { me: Me }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const held = currentRoles(me);
  const acting = actingOf(me);
  if (held.length <= 1) return <span class="role-label">{acting.label}</span>;
  const value = held.findIndex((r) => r.role === acting.role && (r.unitCode ?? undefined) === acting.unitCode);
  return (
    <span class="role-switch">
      <label for={id}>Vai trò đang thực hiện</label>
      <select
        id={id}
        value={String(Math.max(0, value))}
        disabled={busy}
        onChange={(e) => {
          const role = held[Number(e.currentTarget.value)];
          setBusy(true);
          void switchRole(role).finally(() => setBusy(false));
        }}
      >
        {held.map((r, i) => (
          <option key={r.id} value={String(i)}>
            {r.labelVi}
          </option>
        ))}
      </select>
      {busy ? <Spinner /> : null}
    </span>
  );
}

export function AppHeader({ me, path }: { me: Me; path: string }) {
  const [leaving, setLeaving] = useState(false);
  const acting = actingOf(me);
  // /v1/auth/me names the leaderships in office only: whether the unit led an earlier cycle is read from the cycles.
  const lookUp = acting.role === 'UNIT_HEAD' && !!acting.unitCode && !me.blocAuthorities.some((a) => a.capacity === 'LEADER');
  const led = useResource(
    async () =>
      lookUp &&
      (await listCycles(acting.provinceCode ? { provinceCode: acting.provinceCode } : {})).some(
        (c) => c.leaderUnit === acting.unitCode,
      ),
    [lookUp, acting.unitCode, acting.provinceCode],
  );
  const items = navItems(me, led.data === true);
  const active = (href: string) => activeNav(path) === href;
  return (
    <header class="app-header">
      <a class="skip-link" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      <div class="header-top">
        <Link href="/inbox" class="brand">
          Thi đua – Khen thưởng
        </Link>
        <div class="user-box">
          <span class="user-name">{me.displayName}</span>
          <RoleSwitcher me={me} />
          {me.blocAuthorities.map((a) => (
            <Badge key={`${a.blocCode}-${a.capacity}`} tone="info">
              {a.labelVi}
            </Badge>
          ))}
          <Button
            kind="secondary"
            busy={leaving}
            busyLabel="Đang đăng xuất…"
            onClick={() => {
              setLeaving(true);
              void logout().finally(() => {
                setLeaving(false);
                navigate('/inbox', { replace: true });
              });
            }}
          >
            Đăng xuất
          </Button>
        </div>
      </div>
      <nav class="main-nav" aria-label="Chức năng chính">
        <ul>
          {items.map((item) => (
            <li key={item.href}>
              <Link href={item.href} aria-current={active(item.href) ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
