import type { Me } from '../../api/types';
import { Empty, PageTitle, Tabs } from '../../components/ui';
import { actingOf } from '../../lib/session';
import { AuditPanel, IncidentsPanel } from './audit';
import { CycleHistoryPanel, CycleListPanel } from './cycle-history';
import { DocumentTemplatesPanel } from './document-templates';
import { RuleSetsPanel } from './rule-sets';
import { UsersPanel } from './users';

const TABS = [
  { key: 'cycles', label: 'Lịch sử chu kỳ' },
  { key: 'audit', label: 'Kiểm tra nhật ký' },
  { key: 'incidents', label: 'Sự cố phê duyệt' },
  { key: 'rule-sets', label: 'Bộ quy tắc' },
  { key: 'users', label: 'Người dùng' },
  { key: 'templates', label: 'Mẫu văn bản' },
];

/** Administration (admin; the auditor reads): history, audit chain, incidents, rule sets, accounts, document templates. */
export function AdminPage({ me, tab, cycleId }: { me: Me; tab: string; cycleId?: string }) {
  const acting = actingOf(me);
  const current = TABS.find((t) => t.key === tab) ?? TABS[0];
  if (acting.role !== 'ADMIN' && acting.role !== 'AUDITOR') {
    return (
      <>
        <PageTitle>Quản trị</PageTitle>
        <Empty>Chỉ quản trị hệ thống và cán bộ kiểm tra được xem các trang này.</Empty>
      </>
    );
  }
  return (
    <>
      <PageTitle>Quản trị: {current.label}</PageTitle>
      <Tabs label="Các trang quản trị" current={current.key} items={TABS.map((t) => ({ ...t, href: `/admin/${t.key}` }))} />
      {current.key === 'cycles' ? cycleId ? <CycleHistoryPanel cycleId={cycleId} /> : <CycleListPanel /> : null}
      {current.key === 'audit' ? <AuditPanel /> : null}
      {current.key === 'incidents' ? <IncidentsPanel canEdit={acting.role === 'ADMIN'} /> : null}
      {current.key === 'rule-sets' ? <RuleSetsPanel canEdit={acting.role === 'ADMIN'} /> : null}
      {current.key === 'users' ? <UsersPanel canEdit={acting.role === 'ADMIN'} /> : null}
      {current.key === 'templates' ? <DocumentTemplatesPanel canEdit={acting.role === 'ADMIN'} /> : null}
    </>
  );
}
