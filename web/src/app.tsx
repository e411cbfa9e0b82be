import { useEffect, useRef } from 'preact/hooks';
import { logout } from './api/client';
import type { Me } from './api/types';
import { AppHeader } from './components/header';
import { Button, ErrorAlert, Loading, PageTitle } from './components/ui';
import { CyclePicker } from './lib/cycle';
import { isLeaderOf } from './lib/inbox';
import { match, navigate, usePath } from './lib/router';
import { actingOf, loadSession, useSession } from './lib/session';
import { AdminPage } from './pages/admin/admin-page';
import { ChainPage } from './pages/approval-chain';
import { BlocPage } from './pages/bloc/bloc-page';
import { BoardPage } from './pages/board/board-page';
import { CycleBoardPage } from './pages/board/cycle-board';
import { RoundDocumentsPage } from './pages/board/round-documents';
import { CyclesPage } from './pages/cycles';
import { InboxPage } from './pages/inbox';
import { LoginPage } from './pages/login';
import { OrganisationPage } from './pages/organisation';
import { isRoundTab, RoundPage } from './pages/round/round-page';
import { RoundsPage } from './pages/round/rounds-list';
import { InvitationPage, WorkbookImportPage } from './pages/workbook-import';
import { AwardsPage } from './pages/unit/awards-page';
import { UnitPage } from './pages/unit/unit-page';

function NotFound() {
  return (
    <>
      <PageTitle>Không tìm thấy trang</PageTitle>
      <p>Địa chỉ này không có trong ứng dụng. Hãy chọn một mục trong thanh chức năng.</p>
    </>
  );
}

function Routes({ path, me }: { path: string; me: Me }) {
  const acting = actingOf(me);
  const cycle = (rest: string) => match(`/cycles/:cycleId${rest}`, path);
  let m: Record<string, string> | null;
  if (path === '/' || path === '/inbox' || path === '/login') return <InboxPage me={me} />;
  if (path === '/cycles') return <CyclesPage me={me} />;
  if ((m = cycle(''))) return <CycleHome cycleId={m.cycleId} me={me} />;
  if ((m = cycle('/unit'))) return <UnitPage key={m.cycleId} cycleId={m.cycleId} me={me} />;
  if ((m = cycle('/bloc'))) return <BlocPage key={m.cycleId} cycleId={m.cycleId} me={me} />;
  if ((m = cycle('/bloc/:tab'))) return <BlocPage key={m.cycleId} cycleId={m.cycleId} tab={m.tab} me={me} />;
  if ((m = cycle('/board'))) return <CycleBoardPage key={m.cycleId} cycleId={m.cycleId} me={me} />;
  if ((m = match('/units/:unitCode/awards', path))) return <AwardsPage key={m.unitCode} unitCode={m.unitCode} />;
  if ((m = match('/approvals/:chainId', path))) return <ChainPage key={m.chainId} chainId={m.chainId} />;
  if ((m = match('/rounds/:roundId/documents', path))) return <RoundDocumentsPage key={m.roundId} roundId={m.roundId} />;
  if (path === '/board') return <BoardPage me={me} />;
  if (path === '/rounds') return <RoundsPage me={me} />;
  if ((m = match('/rounds/:roundId', path))) return <RoundPage key={m.roundId} roundId={m.roundId} me={me} />;
  if ((m = match('/rounds/:roundId/:tab', path)) && isRoundTab(m.tab))
    return <RoundPage key={m.roundId} roundId={m.roundId} tab={m.tab} me={me} />;
  if (path === '/organisation') return <OrganisationPage me={me} />;
  if (path === '/organisation/workbook') return <WorkbookImportPage />;
  if (path === '/admin') return <AdminPage me={me} tab="cycles" />;
  if ((m = match('/admin/:tab', path))) return <AdminPage me={me} tab={m.tab} />;
  if ((m = match('/admin/cycles/:cycleId', path))) return <AdminPage me={me} tab="cycles" cycleId={m.cycleId} />;
  if (path === '/unit') {
    return (
      <>
        <PageTitle>Đơn vị của tôi</PageTitle>
        <CyclePicker
          title="Đơn vị của tôi"
          provinceCode={acting.provinceCode}
          filter={(cycles) => cycles.filter((c) => c.units.some((u) => u.code === acting.unitCode))}
          target={(id) => `/cycles/${encodeURIComponent(id)}/unit`}
        />
      </>
    );
  }
  if (path === '/bloc') {
    return (
      <>
        <PageTitle>Khối thi đua</PageTitle>
        <CyclePicker
          title="Khối do đơn vị làm Trưởng khối"
          provinceCode={acting.provinceCode}
          filter={(cycles) => cycles.filter((c) => isLeaderOf(c, acting))}
          target={(id) => `/cycles/${encodeURIComponent(id)}/bloc`}
        />
      </>
    );
  }
  return <NotFound />;
}

/** /cycles/:id sends each person to the page of the cycle that is theirs. */
function CycleHome({ cycleId, me }: { cycleId: string; me: Me }) {
  const acting = actingOf(me);
  const id = encodeURIComponent(cycleId);
  useEffect(() => {
    const target =
      acting.role === 'ADMIN' || acting.role === 'AUDITOR'
        ? `/admin/cycles/${id}`
        : acting.unitCode
          ? `/cycles/${id}/unit`
          : `/cycles/${id}/board`;
    navigate(target, { replace: true });
  }, [cycleId]);
  return <Loading />;
}

/** Moves focus to the new page's heading after navigation and names the tab after it. */
function useFocusOnNavigation(path: string): void {
  const first = useRef(true);
  useEffect(() => {
    const timer = setTimeout(() => {
      const heading = document.getElementById('page-title');
      if (heading) document.title = `${heading.textContent ?? ''} – Thi đua – Khen thưởng`;
      if (first.current) first.current = false;
      else heading?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [path]);
}

export function App() {
  const session = useSession();
  const path = usePath();
  useEffect(() => {
    void loadSession();
  }, []);
  useFocusOnNavigation(`${path}|${session.status}`);

  // An invitation link is opened by someone who has no password yet.
  if (path === '/kich-hoat') return <InvitationPage />;
  if (session.status === 'anonymous') return <LoginPage />;
  if (!session.me) {
    if (session.status === 'failed') {
      return (
        <main id="main" class="login">
          <PageTitle>Không tải được thông tin người dùng</PageTitle>
          <ErrorAlert error={session.error} />
          <div class="actions">
            <Button onClick={() => void loadSession()}>Thử lại</Button>
            <Button kind="secondary" onClick={() => void logout()}>
              Đăng xuất
            </Button>
          </div>
        </main>
      );
    }
    return (
      <main id="main">
        <Loading label="Đang tải thông tin người dùng…" />
      </main>
    );
  }
  const me = session.me;
  const acting = actingOf(me);
  return (
    <>
      <AppHeader me={me} path={path} />
      <main id="main" class="content" key={`${acting.role}:${acting.unitCode ?? ''}`}>
        {session.status === 'failed' ? <ErrorAlert error={session.error} /> : null}
        <Routes path={path} me={me} />
      </main>
    </>
  );
}
