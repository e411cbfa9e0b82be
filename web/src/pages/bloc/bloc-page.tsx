import { useEffect } from 'preact/hooks';
import type { CycleView, Me, Phase } from '../../api/types';
import { PageTitle, Tabs } from '../../components/ui';
import { CycleHeading, useCycle, WithCycle } from '../../lib/cycle';
import { isDeputyOf, isLeaderOf, type Acting } from '../../lib/inbox';
import { navigate } from '../../lib/router';
import { actingOf } from '../../lib/session';
import { AssessmentReview } from './assessment-review';
import { ConferencePanel } from './conference';
import { DossierPanel } from './dossier-form';
import { LaunchPanel } from './launch-form';
import { PledgeStatus } from './pledge-status';

const TABS = [
  { key: 'launch', label: 'Phát động' },
  { key: 'pledges', label: 'Ký giao ước' },
  { key: 'assessments', label: 'Tự chấm điểm' },
  { key: 'conference', label: 'Hội nghị, bỏ phiếu' },
  { key: 'dossier', label: 'Hồ sơ khen thưởng' },
] as const;

type Tab = (typeof TABS)[number]['key'];

const TAB_OF_PHASE: Record<Phase, Tab> = {
  LAUNCH: 'launch',
  PLEDGE: 'pledges',
  SELF_ASSESSMENT: 'assessments',
  CONFERENCE: 'conference',
  SUBMISSION: 'dossier',
  APPRAISAL: 'dossier',
  DECISION: 'dossier',
  COMPLETED: 'dossier',
};

/** The Trưởng khối's pages for one cycle, one tab per stage; without a tab, the one of the current phase. */
export function BlocPage({ cycleId, tab, me }: { cycleId: string; tab?: string; me: Me }) {
  const acting = actingOf(me);
  const cycle = useCycle(cycleId);
  const base = `/cycles/${encodeURIComponent(cycleId)}/bloc`;
  const phase = cycle.data?.phase;
  useEffect(() => {
    if (!tab && phase) navigate(`${base}/${TAB_OF_PHASE[phase]}`, { replace: true });
  }, [tab, phase]);
  const current = TABS.find((t) => t.key === tab)?.key ?? (phase ? TAB_OF_PHASE[phase] : 'launch');
  return (
    <>
      <PageTitle>Trưởng khối: {TABS.find((t) => t.key === current)?.label}</PageTitle>
      <WithCycle resource={cycle}>
        {(c) => (
          <>
            <CycleHeading cycle={c} />
            <LeaderNotice cycle={c} acting={acting} me={me} />
            <Tabs
              label="Các bước của Trưởng khối"
              current={current}
              items={TABS.map((t) => ({ ...t, href: `${base}/${t.key}` }))}
            />
            <TabContent tab={current} cycle={c} acting={acting} onChanged={cycle.reload} />
          </>
        )}
      </WithCycle>
    </>
  );
}

function LeaderNotice({ cycle, acting, me }: { cycle: CycleView; acting: Acting; me: Me }) {
  if (isLeaderOf(cycle, acting)) {
    if (me.blocAuthorities.some((a) => a.capacity === 'LEADER' && a.blocCode === cycle.blocCode)) return null;
    return (
      <p class="alert alert-warn" id="former-leader">
        Đơn vị của bạn là Trưởng khối của chu kỳ năm {cycle.year}, nay không còn giữ vai trò này: bạn chỉ xem được các trang của
        khối.
      </p>
    );
  }
  if (isDeputyOf(cycle, acting)) {
    return (
      <p class="alert alert-warn">
        Đơn vị của bạn là Phó khối: bạn xác nhận đề xuất của Trưởng khối khi bằng phiếu; các thao tác khác của Trưởng khối sẽ bị
        hệ thống từ chối.
      </p>
    );
  }
  return (
    <p class="alert alert-warn">
      Đơn vị của bạn không phải Trưởng khối của chu kỳ này; bạn có thể xem, còn các thao tác của Trưởng khối sẽ bị hệ thống từ
      chối.
    </p>
  );
}

function TabContent({ tab, cycle, acting, onChanged }: { tab: Tab; cycle: CycleView; acting: Acting; onChanged: () => unknown }) {
  switch (tab) {
    case 'launch':
      return <LaunchPanel cycle={cycle} onChanged={onChanged} />;
    case 'pledges':
      return <PledgeStatus cycle={cycle} acting={acting} onChanged={onChanged} />;
    case 'assessments':
      return <AssessmentReview cycle={cycle} onChanged={onChanged} />;
    case 'conference':
      return <ConferencePanel cycle={cycle} onChanged={onChanged} />;
    case 'dossier':
      return <DossierPanel cycle={cycle} onChanged={onChanged} />;
  }
}
