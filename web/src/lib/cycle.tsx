import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { getCycle, listCycles } from '../api/endpoints';
import type { CycleSummary, CycleView } from '../api/types';
import { Empty, ErrorAlert, Loading } from '../components/ui';
import { formatDateTime } from './format';
import { useFollowed, useResource, type Resource } from './hooks';
import { PHASE_LABELS } from './labels';
import { Link, navigate } from './router';

/** How long one read of a cycle page waits on the server for the cycle to change before it asks again. */
export const CYCLE_WAIT_SECONDS = 25;

/** The cycle, followed: other people's steps show up as they happen (one read per change, each waiting on the server). */
export function useCycle(cycleId: string): Resource<CycleView> {
  return useFollowed(
    (shown?: CycleView) => getCycle(cycleId, shown ? { after: shown.changeMark, seconds: CYCLE_WAIT_SECONDS } : undefined),
    [cycleId],
  );
}

/** Loading, error or the cycle; a refresh keeps the page as it is while it runs. */
export function WithCycle({
  resource,
  children,
}: {
  resource: Resource<CycleView>;
  children: (cycle: CycleView) => ComponentChildren;
}) {
  if (!resource.data)
    return resource.loading ? <Loading label="Đang tải chu kỳ thi đua…" /> : <ErrorAlert error={resource.error} />;
  return (
    <>
      {children(resource.data)}
      <p class="refresh-note">
        Tự động cập nhật; lần cuối lúc {formatDateTime(resource.loadedAt)}.{' '}
        {resource.error ? <span role="status">Không tải lại được: {resource.error.message}</span> : null}
      </p>
    </>
  );
}

export function CycleHeading({ cycle }: { cycle: CycleView }) {
  return (
    <p class="cycle-meta">
      <span>{cycle.blocName}</span> · <span>Năm {cycle.year}</span> · <span>Giai đoạn: {PHASE_LABELS[cycle.phase]}</span>
    </p>
  );
}

/**
 * Sends the person to the one cycle a menu entry means (their unit's, the bloc they lead); lists the cycles when
 * there are several.
 */
export function CyclePicker({
  title,
  filter,
  target,
  provinceCode,
}: {
  title: string;
  filter: (cycles: CycleView[]) => CycleView[];
  target: (cycleId: string) => string;
  provinceCode?: string;
}) {
  const cycles = useResource(async () => {
    const list = await listCycles(provinceCode ? { provinceCode } : {});
    const views = await Promise.all(list.slice(0, 30).map((c: CycleSummary) => getCycle(c.cycleId)));
    return filter(views);
  }, [provinceCode]);
  const only = cycles.data?.length === 1 ? cycles.data[0] : undefined;
  useEffect(() => {
    if (only) navigate(target(only.cycleId), { replace: true });
  }, [only?.cycleId]);
  if (!cycles.data) return cycles.loading ? <Loading /> : <ErrorAlert error={cycles.error} />;
  if (cycles.data.length === 0) return <Empty>Không có chu kỳ thi đua nào phù hợp với {title.toLowerCase()}.</Empty>;
  return (
    <ul class="link-list">
      {cycles.data.map((c) => (
        <li key={c.cycleId}>
          <Link href={target(c.cycleId)}>
            {c.blocName} – năm {c.year} ({PHASE_LABELS[c.phase]})
          </Link>
        </li>
      ))}
    </ul>
  );
}
