import type { Me } from '../../api/types';
import { Empty, PageTitle } from '../../components/ui';
import { CycleHeading, useCycle, WithCycle } from '../../lib/cycle';
import { unitName } from '../../lib/labels';
import { Link } from '../../lib/router';
import { actingOf } from '../../lib/session';
import { AssessmentCard } from './score-sheet';
import { BallotCard } from './ballot-card';
import { CrossScoreCard } from './cross-score';
import { PledgeCard } from './pledge-card';

/** A member unit's page in a cycle: the pledge, the self-assessment, cross-scoring when assigned, the ballot. */
export function UnitPage({ cycleId, me }: { cycleId: string; me: Me }) {
  const acting = actingOf(me);
  const cycle = useCycle(cycleId);
  const unit = acting.unitCode;
  return (
    <>
      <PageTitle>Đơn vị: {cycle.data ? unitName(cycle.data, unit) : (unit ?? '')}</PageTitle>
      <WithCycle resource={cycle}>
        {(c) =>
          !unit || !c.units.some((u) => u.code === unit) ? (
            <Empty>Đơn vị của bạn không phải thành viên của khối này.</Empty>
          ) : (
            <>
              <CycleHeading cycle={c} />
              <PledgeCard cycle={c} acting={acting} onChanged={cycle.reload} />
              <AssessmentCard cycle={c} acting={acting} onChanged={cycle.reload} />
              <CrossScoreCard cycle={c} acting={acting} onChanged={cycle.reload} />
              <BallotCard cycle={c} acting={acting} onChanged={cycle.reload} />
              <p>
                <Link href={`/units/${encodeURIComponent(unit)}/awards`}>Lịch sử khen thưởng của đơn vị</Link>
                {c.leaderUnit === unit ? (
                  <>
                    {' · '}
                    <Link href={`/cycles/${encodeURIComponent(c.cycleId)}/bloc`}>Trang Trưởng khối</Link>
                  </>
                ) : null}
              </p>
            </>
          )
        }
      </WithCycle>
    </>
  );
}
