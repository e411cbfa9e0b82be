import { useState } from 'preact/hooks';
import { getCycle, getLateUnits, listBlocs, listCycles, listNominations, startCycle } from '../../api/endpoints';
import type { AwardType, BlocView, CycleMode, CycleView, LateUnit, Me, NominationView, NomineeStatus } from '../../api/types';
import {
  ActionStatus,
  Badge,
  Button,
  Empty,
  ErrorAlert,
  Loading,
  PageTitle,
  Section,
  SelectField,
  TableWrap,
  TextField,
} from '../../components/ui';
import { formatDate } from '../../lib/format';
import { useAction, useResource } from '../../lib/hooks';
import { AWARD_LABELS, AWARDS, NOMINEE_STATUS_LABELS, PHASE_LABELS, PHASES } from '../../lib/labels';
import { Link } from '../../lib/router';
import { actingOf } from '../../lib/session';

interface ProvinceView {
  blocs: BlocView[];
  cycles: { cycle: CycleView; late: LateUnit[] }[];
}

async function loadProvince(provinceCode: string | undefined): Promise<ProvinceView> {
  const [blocs, summaries] = await Promise.all([listBlocs(provinceCode), listCycles(provinceCode ? { provinceCode } : {})]);
  const cycles = await Promise.all(
    summaries.slice(0, 60).map(async (s) => ({ cycle: await getCycle(s.cycleId), late: await getLateUnits(s.cycleId) })),
  );
  return { blocs, cycles };
}

/** The board's view of the province: every bloc by phase, late units highlighted, and the nominations. */
export function BoardPage({ me }: { me: Me }) {
  const acting = actingOf(me);
  const province = acting.provinceCode;
  const data = useResource(() => loadProvince(province), [province], 15_000);
  const years = [...new Set(data.data?.cycles.map((c) => c.cycle.year) ?? [])].sort((a, b) => b - a);
  const [year, setYear] = useState<string>('');
  const shownYear = Number(year || years[0] || new Date().getFullYear());
  const canStart = acting.role === 'BOARD_HEAD' || acting.role === 'ADMIN';
  return (
    <>
      <PageTitle
        sub={
          province
            ? (data.data?.cycles.find((c) => c.cycle.provinceCode === province)?.cycle.provinceName ?? `Tỉnh ${province}`)
            : 'Tất cả các tỉnh'
        }
      >
        Theo dõi các khối thi đua
      </PageTitle>
      {!data.data ? (
        data.loading ? (
          <Loading />
        ) : (
          <ErrorAlert error={data.error} />
        )
      ) : (
        <>
          {canStart ? <StartCycleForm blocs={data.data.blocs} onStarted={data.reload} /> : null}
          {years.length > 1 ? (
            <SelectField
              label="Năm thi đua"
              value={String(shownYear)}
              onValue={setYear}
              options={years.map((y) => ({ value: String(y), label: String(y) }))}
            />
          ) : null}
          <PhaseMatrix view={data.data} year={shownYear} />
          <Nominations provinceCode={province} year={shownYear} />
        </>
      )}
    </>
  );
}

function StartCycleForm({ blocs, onStarted }: { blocs: BlocView[]; onStarted: () => unknown }) {
  const [blocKey, setBlocKey] = useState(blocs[0] ? `${blocs[0].provinceCode}|${blocs[0].blocCode}` : '');
  const bloc = blocs.find((b) => `${b.provinceCode}|${b.blocCode}` === blocKey);
  const latestYear = bloc ? Math.max(...bloc.leaderships.map((l) => l.year), 0) : 0;
  const [year, setYear] = useState(String(latestYear || new Date().getFullYear()));
  const yearNumber = Number(year);
  const yearError = /^\d{4}$/.test(year) ? null : 'Năm gồm 4 chữ số.';
  // A year already over is most likely entered from its papers; the current or a coming year runs live.
  const [chosenMode, setMode] = useState<CycleMode | null>(null);
  const mode: CycleMode = chosenMode ?? (yearNumber < new Date().getFullYear() ? 'RECORD' : 'LIVE');
  const action = useAction(
    () => startCycle({ provinceCode: bloc?.provinceCode ?? '', blocCode: bloc?.blocCode ?? '', year: yearNumber, mode }),
    { success: 'Đã khởi tạo chu kỳ thi đua; Trưởng khối được mời phát động.', after: onStarted },
  );
  if (blocs.length === 0) return null;
  return (
    <Section title="Khởi tạo chu kỳ thi đua">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (bloc && !yearError) void action.run();
        }}
      >
        <div class="grid-2">
          <SelectField
            label="Khối thi đua"
            value={blocKey}
            onValue={setBlocKey}
            options={blocs.map((b) => ({ value: `${b.provinceCode}|${b.blocCode}`, label: `${b.name} (${b.provinceCode})` }))}
          />
          <TextField label="Năm thi đua" value={year} onValue={setYear} inputMode="numeric" required error={yearError} />
        </div>
        <SelectField
          label="Loại chu kỳ"
          value={mode}
          onValue={(v) => setMode(v as CycleMode)}
          options={[
            { value: 'LIVE', label: 'Năm đang diễn ra: hết hạn thì tự động kết thúc giai đoạn' },
            { value: 'RECORD', label: 'Nhập lại năm đã qua: mỗi bước ghi ngày thực hiện trên hồ sơ giấy' },
          ]}
        />
        <Button type="submit" busy={action.busy} busyLabel="Đang khởi tạo…" disabled={!bloc || yearError !== null}>
          Khởi tạo chu kỳ
        </Button>
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}

function PhaseMatrix({ view, year }: { view: ProvinceView; year: number }) {
  if (view.blocs.length === 0) return <Empty>Chưa có khối thi đua nào.</Empty>;
  const cycleOf = (b: BlocView) =>
    view.cycles.find((c) => c.cycle.blocCode === b.blocCode && c.cycle.provinceCode === b.provinceCode && c.cycle.year === year);
  return (
    <Section title={`Tiến độ các khối năm ${year}`}>
      <TableWrap label="Ma trận khối thi đua theo giai đoạn">
        <table class="matrix" id="phase-matrix">
          <caption>Các khối thi đua theo giai đoạn; đơn vị chậm được đánh dấu</caption>
          <thead>
            <tr>
              <th scope="col">Khối</th>
              {PHASES.map((p) => (
                <th key={p} scope="col">
                  {PHASE_LABELS[p]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.blocs.map((b) => {
              const entry = cycleOf(b);
              return (
                <tr key={`${b.provinceCode}-${b.blocCode}`}>
                  <th scope="row">
                    {entry ? <Link href={`/cycles/${encodeURIComponent(entry.cycle.cycleId)}/board`}>{b.name}</Link> : b.name}
                  </th>
                  {PHASES.map((p) => (
                    <MatrixCell key={p} phase={p} entry={entry} />
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </Section>
  );
}

function MatrixCell({ phase, entry }: { phase: (typeof PHASES)[number]; entry?: { cycle: CycleView; late: LateUnit[] } }) {
  if (!entry) return <td class="muted">—</td>;
  const at = PHASES.indexOf(entry.cycle.phase);
  const here = PHASES.indexOf(phase);
  const late = entry.late.filter((l) => l.phase === phase);
  return (
    <td class={`${here === at ? 'cell-current' : ''}${late.length > 0 ? ' cell-late' : ''}`}>
      {here === at ? (
        phase === 'COMPLETED' ? (
          <Badge tone="ok">Đã hoàn thành</Badge>
        ) : (
          <Badge tone="info">Hiện tại</Badge>
        )
      ) : here < at ? (
        <span>Đã xong</span>
      ) : null}
      {late.length > 0 ? (
        <span class="late-list">
          <Badge tone="danger">Chậm {late.length}</Badge> {late.map((l) => l.unitName).join('; ')}
        </span>
      ) : null}
    </td>
  );
}

function Nominations({ provinceCode, year }: { provinceCode?: string; year: number }) {
  const [status, setStatus] = useState<NomineeStatus | ''>('');
  const [award, setAward] = useState<AwardType | ''>('');
  const list = useResource(
    () => listNominations({ provinceCode, year, status: status || undefined, award: award || undefined }),
    [provinceCode, year, status, award],
    15_000,
  );
  const byAward = (a: AwardType) => (list.data?.items ?? []).filter((n) => n.award === a);
  return (
    <Section title={`Đề nghị khen thưởng năm ${year}`}>
      <div class="filters grid-2">
        <SelectField
          label="Hình thức"
          value={award}
          onValue={(v) => setAward(v as AwardType | '')}
          options={[{ value: '', label: 'Tất cả' }, ...AWARDS.map((a) => ({ value: a, label: AWARD_LABELS[a] }))]}
        />
        <SelectField
          label="Trạng thái"
          value={status}
          onValue={(v) => setStatus(v as NomineeStatus | '')}
          options={[
            { value: '', label: 'Tất cả' },
            ...Object.entries(NOMINEE_STATUS_LABELS).map(([value, label]) => ({ value, label })),
          ]}
        />
      </div>
      {!list.data ? list.loading ? <Loading /> : <ErrorAlert error={list.error} /> : null}
      {list.data?.total === 0 ? <Empty>Không có đề nghị nào phù hợp.</Empty> : null}
      {AWARDS.filter((a) => byAward(a).length > 0).map((a) => (
        <NominationTable key={a} title={AWARD_LABELS[a]} rows={byAward(a)} />
      ))}
    </Section>
  );
}

function NominationTable({ title, rows }: { title: string; rows: NominationView[] }) {
  return (
    <TableWrap label={title}>
      <table>
        <caption>
          {title} ({rows.length})
        </caption>
        <thead>
          <tr>
            <th scope="col">Đơn vị</th>
            <th scope="col">Trạng thái</th>
            <th scope="col" class="num">
              Phiếu tại khối
            </th>
            <th scope="col" class="num">
              Phiếu Hội đồng
            </th>
            <th scope="col">Quyết định</th>
            <th scope="col">Lý do</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => (
            <tr key={n.id}>
              <th scope="row">
                {n.cycleId ? <Link href={`/cycles/${encodeURIComponent(n.cycleId)}/board`}>{n.unitName}</Link> : n.unitName}
              </th>
              <td>{NOMINEE_STATUS_LABELS[n.status]}</td>
              <td class="num">{n.ballotVotes}</td>
              <td class="num">{n.councilVotes ?? '—'}</td>
              <td>{n.decisionNumber ? `${n.decisionNumber} ngày ${formatDate(n.decisionDate)}` : '—'}</td>
              <td>{n.reasons.length > 0 ? n.reasons.map((r) => r.text).join('; ') : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
