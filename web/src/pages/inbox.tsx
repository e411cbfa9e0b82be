import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { decideBulk, getInbox, listCycles, reviewAssessment, type InboxFilter } from '../api/endpoints';
import type { Me } from '../api/types';
import {
  Badge,
  Button,
  Checkbox,
  DateField,
  Empty,
  ErrorAlert,
  Loading,
  PageTitle,
  SelectField,
  TableWrap,
} from '../components/ui';
import { formatDateTime, parseDateInput } from '../lib/format';
import { useResource } from '../lib/hooks';
import { decorate, sortTasks, type Acting, type Task } from '../lib/inbox';
import { PHASE_LABELS, PHASES } from '../lib/labels';
import { Link } from '../lib/router';
import { actingOf } from '../lib/session';
import { DelegationForm } from './task/delegation-form';
import { NotificationSettings } from './task/notification-settings';
import { TaskContext } from './task/task-context';

interface InboxData {
  tasks: Task[];
  /** Names of the blocs and provinces the rows carry as codes (from the cycles the person may read). */
  blocNames: Record<string, string>;
  /** Cycles that are the RECORD of a past year: a bulk acceptance there carries the day it happened. */
  recordCycles: string[];
  provinceNames: Record<string, string>;
}

async function loadInbox(filter: InboxFilter): Promise<InboxData> {
  const [{ items }, cycles] = await Promise.all([getInbox(filter), listCycles().catch(() => [])]);
  return {
    tasks: sortTasks(decorate(items)),
    blocNames: Object.fromEntries(cycles.map((c) => [c.blocCode, c.blocName])),
    recordCycles: cycles.filter((c) => c.mode === 'RECORD').map((c) => c.cycleId),
    provinceNames: Object.fromEntries(cycles.map((c) => [c.provinceCode, c.provinceName ?? c.provinceCode])),
  };
}

interface BulkRow {
  title: string;
  ok: boolean;
  message: string;
}

/** The bulk approval: each chosen row decided on its own, with its own result. */
async function approveAll(tasks: Task[], recordCycles: string[], occurredOn?: string): Promise<BulkRow[]> {
  const rows: BulkRow[] = [];
  for (const t of tasks.filter((t) => t.bulk === 'ACCEPT_ASSESSMENT' && t.cycleId && t.unitCode)) {
    try {
      const dated = occurredOn && recordCycles.includes(t.cycleId as string) ? { occurredOn } : {};
      await reviewAssessment(t.cycleId as string, t.unitCode as string, { decision: 'ACCEPT', ...dated });
      rows.push({ title: t.title, ok: true, message: 'Đã chấp nhận' });
    } catch (err) {
      rows.push({ title: t.title, ok: false, message: err instanceof ApiError ? err.message : 'Lỗi không xác định' });
    }
  }
  const chains = tasks.filter((t) => t.bulk === 'APPROVAL' && t.chainId);
  if (chains.length > 0) {
    const titleOf = (chainId: string, itemId?: string) =>
      chains.find((c) => c.chainId === chainId)?.items?.find((i) => i.itemId === itemId)?.title ?? itemId ?? chainId;
    try {
      const answer = await decideBulk(
        chains.map((t) => ({
          chainId: t.chainId as string,
          itemIds: (t.items ?? []).map((i) => i.itemId),
          decision: 'APPROVE' as const,
        })),
      );
      for (const r of answer.results) {
        rows.push({
          title: titleOf(r.chainId, r.itemId),
          ok: r.ok,
          message: r.ok
            ? 'Đã đồng ý'
            : [
                r.message ?? r.code ?? 'Không thực hiện được',
                r.winner ? `(đã được ${r.winner.displayName ?? r.winner.userId} xử lý trước)` : '',
              ]
                .filter(Boolean)
                .join(' '),
        });
      }
    } catch (err) {
      for (const t of chains)
        rows.push({ title: t.title, ok: false, message: err instanceof ApiError ? err.message : 'Lỗi không xác định' });
    }
  }
  return rows;
}

/** "Việc chờ xử lý": everything waiting for the person, across cycles and approval chains. */
export function InboxPage({ me }: { me: Me }) {
  const acting = actingOf(me);
  const [filter, setFilter] = useState<{
    provinceCode: string;
    blocCode: string;
    phase: string;
    overdue: boolean;
    dueBefore: string;
  }>({
    provinceCode: '',
    blocCode: '',
    phase: '',
    overdue: false,
    dueBefore: '',
  });
  const dueBefore = filter.dueBefore.trim() ? parseDateInput(filter.dueBefore) : undefined;
  const query: InboxFilter = {
    ...(filter.provinceCode ? { provinceCode: filter.provinceCode } : {}),
    ...(filter.blocCode ? { blocCode: filter.blocCode } : {}),
    ...(filter.phase ? { phase: filter.phase } : {}),
    ...(filter.overdue ? { overdue: true } : {}),
    ...(dueBefore ? { dueBefore } : {}),
  };
  const inbox = useResource(() => loadInbox(query), [JSON.stringify(query)], 10_000);
  const [openId, setOpenId] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [bulk, setBulk] = useState<{ busy: boolean; rows?: BulkRow[] }>({ busy: false });
  const [delegating, setDelegating] = useState(false);
  const [mailSettings, setMailSettings] = useState(false);
  const [doneNote, setDoneNote] = useState('');
  const tasks = inbox.data?.tasks ?? [];
  const blocNames = inbox.data?.blocNames ?? {};
  const provinceNames = inbox.data?.provinceNames ?? {};
  const chosen = tasks.filter((t) => selected.includes(t.id) && t.bulk);
  const recordCycles = inbox.data?.recordCycles ?? [];
  const chosenRecord = chosen.some((t) => t.bulk === 'ACCEPT_ASSESSMENT' && recordCycles.includes(t.cycleId ?? ''));
  const [bulkDay, setBulkDay] = useState('');
  const bulkOn = parseDateInput(bulkDay);
  // The chosen values stay selectable even when the filter leaves no row that carries them.
  const provinces = [
    ...new Set([acting.provinceCode, filter.provinceCode, ...tasks.map((t) => t.provinceCode)].filter((p): p is string => !!p)),
  ];
  const blocs = [...new Set([filter.blocCode, ...tasks.map((t) => t.blocCode)].filter((b): b is string => !!b))];

  const runBulk = async () => {
    setDoneNote('');
    setBulk({ busy: true });
    const rows = await approveAll(chosen, recordCycles, bulkOn ?? undefined);
    setBulk({ busy: false, rows });
    setSelected([]);
    await inbox.reload();
  };

  return (
    <>
      <PageTitle sub={`${me.displayName} · ${acting.label}`}>Việc chờ xử lý</PageTitle>
      <form class="filters card" aria-label="Lọc việc chờ xử lý" onSubmit={(e) => e.preventDefault()}>
        <div class="grid-4">
          <SelectField
            label="Tỉnh"
            value={filter.provinceCode}
            onValue={(v) => setFilter({ ...filter, provinceCode: v })}
            options={[{ value: '', label: 'Tất cả' }, ...provinces.map((p) => ({ value: p, label: provinceNames[p] ?? p }))]}
          />
          <SelectField
            label="Khối"
            value={filter.blocCode}
            onValue={(v) => setFilter({ ...filter, blocCode: v })}
            options={[{ value: '', label: 'Tất cả' }, ...blocs.map((b) => ({ value: b, label: blocNames[b] ?? b }))]}
          />
          <SelectField
            label="Giai đoạn"
            value={filter.phase}
            onValue={(v) => setFilter({ ...filter, phase: v })}
            options={[{ value: '', label: 'Tất cả' }, ...PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] }))]}
          />
          <DateField
            label="Hạn đến ngày"
            value={filter.dueBefore}
            onValue={(v) => setFilter({ ...filter, dueBefore: v })}
            hint="Định dạng dd/mm/yyyy."
          />
        </div>
        <Checkbox label="Chỉ việc đã quá hạn" checked={filter.overdue} onChange={(v) => setFilter({ ...filter, overdue: v })} />
      </form>

      <div class="toolbar">
        {chosenRecord ? (
          <DateField
            label="Ngày thực hiện"
            value={bulkDay}
            onValue={setBulkDay}
            required
            hint="Bản ghi năm đã qua: ngày chấp nhận trên hồ sơ giấy (dd/mm/yyyy)."
          />
        ) : null}
        <Button
          busy={bulk.busy}
          busyLabel="Đang phê duyệt từng mục…"
          disabled={chosen.length === 0 || (chosenRecord && !bulkOn)}
          onClick={() => void runBulk()}
        >
          Phê duyệt các mục đã chọn ({chosen.length})
        </Button>
        <Button kind="secondary" onClick={() => setDelegating(!delegating)} aria-expanded={delegating ? 'true' : 'false'}>
          Ủy quyền xử lý
        </Button>
        <Button kind="secondary" onClick={() => setMailSettings(!mailSettings)} aria-expanded={mailSettings ? 'true' : 'false'}>
          Thông báo qua thư
        </Button>
      </div>
      <FreeStandingWarning chosen={chosen} />
      {delegating ? <DelegationForm onClose={() => setDelegating(false)} /> : null}
      {mailSettings ? <NotificationSettings onClose={() => setMailSettings(false)} /> : null}
      <div aria-live="polite">
        {doneNote ? <p class="alert alert-ok">{doneNote}</p> : null}
        {bulk.rows ? <BulkResults rows={bulk.rows} /> : null}
      </div>

      {!inbox.data ? (
        inbox.loading ? (
          <Loading label="Đang tải việc chờ xử lý…" />
        ) : (
          <ErrorAlert error={inbox.error} />
        )
      ) : tasks.length === 0 ? (
        <Empty>Không có việc nào đang chờ bạn xử lý.</Empty>
      ) : (
        <ul class="task-list" aria-label="Danh sách việc chờ xử lý">
          {tasks.map((t) => (
            <TaskRow
              key={t.id}
              task={t}
              open={openId === t.id}
              selected={selected.includes(t.id)}
              onSelect={(on) => setSelected((all) => (on ? [...all, t.id] : all.filter((id) => id !== t.id)))}
              onToggle={() => setOpenId(openId === t.id ? null : t.id)}
              onDone={() => {
                setDoneNote(`Đã xử lý: ${t.title}`);
                void inbox.reload();
              }}
              acting={acting}
              blocName={t.blocCode ? (blocNames[t.blocCode] ?? t.blocCode) : undefined}
            />
          ))}
        </ul>
      )}
    </>
  );
}

const starterName = (origin: NonNullable<Task['origin']>) => origin.startedBy.displayName ?? origin.startedBy.userId;

/** Where an approval task comes from: a free-standing chain names its starter, so a look-alike cannot pass for a cycle step. */
function OriginNote({ origin }: { origin: NonNullable<Task['origin']> }) {
  return origin.kind === 'FREE_STANDING' ? (
    <>
      <Badge tone="warn">Quy trình riêng, không thuộc bước của chu kỳ</Badge>
      <span>Người khởi tạo: {starterName(origin)}</span>
    </>
  ) : (
    <span>Bước của chu kỳ, người trình: {starterName(origin)}</span>
  );
}

/** Bulk approval never mixes free-standing chains with cycle steps silently: it names them and who started them. */
function FreeStandingWarning({ chosen }: { chosen: Task[] }) {
  const free = chosen.filter((t) => t.origin?.kind === 'FREE_STANDING');
  if (free.length === 0) return null;
  return (
    <div class="alert alert-warn" role="status" id="bulk-free-standing">
      <p>
        Trong các mục đã chọn có {free.length} quy trình riêng (không thuộc bước của chu kỳ thi đua). Kiểm tra người khởi tạo
        trước khi phê duyệt:
      </p>
      <ul>
        {free.map((t) => (
          <li key={t.id}>
            {t.title} – người khởi tạo: {t.origin ? starterName(t.origin) : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

function TaskRow({
  task,
  open,
  selected,
  onSelect,
  onToggle,
  onDone,
  acting,
  blocName,
}: {
  blocName?: string;
  task: Task;
  open: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onToggle: () => void;
  onDone: () => void;
  acting: Acting;
}) {
  const panelId = `task-${task.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <li class={`task${task.overdue ? ' task-overdue' : ''}`}>
      <div class="task-head">
        {task.bulk ? (
          <Checkbox label={<span class="sr-only">Chọn để phê duyệt: {task.title}</span>} checked={selected} onChange={onSelect} />
        ) : null}
        <div class="task-main">
          <p class="task-title">{task.title}</p>
          <p class="task-meta">
            {task.phase ? <Badge>{PHASE_LABELS[task.phase]}</Badge> : null}
            {task.levelName ? <Badge>{task.levelName}</Badge> : null}
            {blocName ? <span>{/^khối/i.test(blocName) ? blocName : `Khối ${blocName}`}</span> : null}
            {task.dueAt ? <span>Hạn: {formatDateTime(task.dueAt)}</span> : <span>Không có hạn</span>}
            {task.overdue ? <Badge tone="danger">Quá hạn</Badge> : null}
            {task.actingFor ? <span>Thay mặt {task.actingFor.displayName ?? task.actingFor.userId}</span> : null}
            {task.origin ? <OriginNote origin={task.origin} /> : null}
          </p>
        </div>
        <div class="task-actions">
          <Button
            kind="secondary"
            onClick={onToggle}
            aria-expanded={open ? 'true' : 'false'}
            aria-controls={panelId}
            aria-label={`${open ? 'Thu gọn' : 'Mở'}: ${task.title}`}
          >
            {open ? 'Thu gọn' : 'Mở'}
          </Button>
          {task.href ? (
            <Link href={task.href} aria-label={`Trang xử lý: ${task.title}`}>
              Trang xử lý
            </Link>
          ) : null}
        </div>
      </div>
      {open ? (
        <div id={panelId} class="task-context">
          <TaskContext task={task} acting={acting} onDone={onDone} />
        </div>
      ) : null}
    </li>
  );
}

function BulkResults({ rows }: { rows: BulkRow[] }) {
  const ok = rows.filter((r) => r.ok).length;
  return (
    <section class="card" aria-labelledby="bulk-results-title">
      <h2 id="bulk-results-title">
        Kết quả phê duyệt: {ok}/{rows.length} mục thành công
      </h2>
      <TableWrap label="Kết quả từng mục">
        <table id="bulk-results">
          <thead>
            <tr>
              <th scope="col">Nội dung</th>
              <th scope="col">Kết quả</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <th scope="row">{r.title}</th>
                <td>{r.ok ? <Badge tone="ok">{r.message}</Badge> : <span class="field-error">{r.message}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
