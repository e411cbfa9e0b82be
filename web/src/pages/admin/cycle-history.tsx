import { useState } from 'preact/hooks';
import { getCycle, getHistory, getTimeline, listCycles } from '../../api/endpoints';
import { Badge, Button, Empty, ErrorAlert, Loading, Section, TableWrap } from '../../components/ui';
import { formatDate, formatDateTime } from '../../lib/format';
import { humanize, namesOf, type Names } from '../../lib/humanize';
import { useResource } from '../../lib/hooks';
import { PHASE_LABELS, ROLE_LABELS } from '../../lib/labels';
import { Link } from '../../lib/router';
import type { ActorRef, Role } from '../../api/types';

const actorLabel = (actor: ActorRef | null | undefined, names?: Names): string => {
  if (!actor?.userId) return 'Hệ thống';
  const role = actor.role ? (ROLE_LABELS[actor.role as Role] ?? actor.role) : '';
  const unit = actor.unitCode ? (names?.units[actor.unitCode] ?? actor.unitCode) : '';
  return [actor.userId, role, unit].filter(Boolean).join(' · ');
};

export function CycleListPanel() {
  const cycles = useResource(() => listCycles(), []);
  if (!cycles.data) return cycles.loading ? <Loading /> : <ErrorAlert error={cycles.error} />;
  if (cycles.data.length === 0) return <Empty>Chưa có chu kỳ thi đua nào.</Empty>;
  return (
    <Section title="Chọn chu kỳ để xem lịch sử">
      <ul class="link-list">
        {cycles.data.map((c) => (
          <li key={c.cycleId}>
            <Link href={`/admin/cycles/${encodeURIComponent(c.cycleId)}`}>
              {c.blocName} ({c.provinceName ?? c.provinceCode}) – năm {c.year}: {PHASE_LABELS[c.phase]}
            </Link>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** Who did what, when: the cycle's timeline in Vietnamese; the full history merges Temporal's event histories. */
export function CycleHistoryPanel({ cycleId }: { cycleId: string }) {
  const [full, setFull] = useState(false);
  const timeline = useResource(() => getTimeline(cycleId), [cycleId]);
  // Names for the codes in the summaries; until the cycle is read (or if it cannot be), the summaries as recorded.
  const cycle = useResource(() => getCycle(cycleId), [cycleId]);
  const names = cycle.data ? namesOf(cycle.data) : undefined;
  const shown = (text: string) => (names ? humanize(text, names) : text);
  return (
    <>
      <p>
        <Link href="/admin/cycles">← Các chu kỳ</Link>
      </p>
      {!timeline.data ? (
        timeline.loading ? (
          <Loading label="Đang tải lịch sử…" />
        ) : (
          <ErrorAlert error={timeline.error} />
        )
      ) : (
        <Section title={`Diễn biến: ${timeline.data.blocName} năm ${timeline.data.year}`}>
          <p>
            {timeline.data.temporalUi ? (
              <a href={timeline.data.temporalUi} target="_blank" rel="noopener noreferrer">
                Mở quy trình trong Temporal Web UI (lịch sử sự kiện gốc)
              </a>
            ) : (
              <span class="muted">Chưa cấu hình địa chỉ Temporal Web UI (biến môi trường TEMPORAL_UI_URL).</span>
            )}
          </p>
          <TableWrap label="Diễn biến của chu kỳ">
            <table id="timeline">
              <caption>Ai làm gì, khi nào ({timeline.data.events.length} sự kiện)</caption>
              <thead>
                <tr>
                  <th scope="col">Thời điểm</th>
                  <th scope="col">Giai đoạn</th>
                  <th scope="col">Sự kiện</th>
                  <th scope="col">Người thực hiện</th>
                  <th scope="col">Nội dung</th>
                </tr>
              </thead>
              <tbody>
                {timeline.data.events.map((e, i) => (
                  <tr key={i}>
                    <td>
                      {e.occurredOn ? (
                        <>
                          {formatDate(e.occurredOn)}
                          <br />
                          <span class="muted">nhập lúc {formatDateTime(e.at)}</span>
                        </>
                      ) : (
                        formatDateTime(e.at)
                      )}
                    </td>
                    <td>{e.phase ? (PHASE_LABELS[e.phase] ?? e.phase) : ''}</td>
                    <th scope="row">{e.label}</th>
                    <td>{actorLabel(e.actor, names)}</td>
                    <td>{e.summary === null ? '' : shown(e.summary)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </Section>
      )}
      {full ? (
        <FullHistory cycleId={cycleId} names={names} />
      ) : (
        <Button kind="secondary" onClick={() => setFull(true)}>
          Xem lịch sử đầy đủ (kèm sự kiện Temporal)
        </Button>
      )}
    </>
  );
}

function FullHistory({ cycleId, names }: { cycleId: string; names?: Names }) {
  const history = useResource(() => getHistory(cycleId), [cycleId]);
  if (!history.data)
    return history.loading ? <Loading label="Đang đọc lịch sử từ Temporal…" /> : <ErrorAlert error={history.error} />;
  const h = history.data;
  return (
    <Section title="Lịch sử đầy đủ">
      {h.note ? <p class="alert alert-warn">{h.note}</p> : null}
      {h.temporal ? (
        <p>
          Quy trình {h.temporal.workflowId}: {h.temporal.eventCount} sự kiện.{' '}
          {h.temporal.uiUrl ? (
            <a href={h.temporal.uiUrl} target="_blank" rel="noopener noreferrer">
              Temporal Web UI
            </a>
          ) : null}
        </p>
      ) : null}
      <TableWrap label="Lịch sử đầy đủ">
        <table>
          <thead>
            <tr>
              <th scope="col">Thời điểm</th>
              <th scope="col">Nguồn</th>
              <th scope="col">Sự kiện</th>
              <th scope="col">Người thực hiện</th>
              <th scope="col">Chi tiết</th>
            </tr>
          </thead>
          <tbody>
            {h.entries.map((e, i) => (
              <tr key={i}>
                <td>{formatDateTime(e.at)}</td>
                <td>{e.source === 'AUDIT' ? <Badge tone="info">Nhật ký</Badge> : <Badge>Temporal</Badge>}</td>
                <th scope="row">{e.labelVi}</th>
                <td>{e.actor ? actorLabel(e.actor, names) : ''}</td>
                <td>{e.detail && names ? humanize(e.detail, names) : (e.detail ?? '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Section>
  );
}
