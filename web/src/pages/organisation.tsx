import { useState } from 'preact/hooks';
import {
  addOrgMembership,
  getOrgUnit,
  createOrgBloc,
  createOrgUnit,
  endOrgUnit,
  listOrgBlocs,
  listOrgUnits,
  listProvinces,
} from '../api/endpoints';
import type { BlocKind, Me, OrgBloc, OrgUnit, UnitKind } from '../api/types';
import {
  ActionStatus,
  Badge,
  Button,
  DateField,
  Empty,
  ErrorAlert,
  Loading,
  PageTitle,
  Section,
  SelectField,
  TextField,
} from '../components/ui';
import { formatDate, parseDateInput, todayVn } from '../lib/format';
import { useAction, useResource } from '../lib/hooks';
import { navigate } from '../lib/router';
import { actingOf } from '../lib/session';

const UNIT_KINDS: { value: UnitKind; label: string }[] = [
  { value: 'DANG', label: 'Cơ quan Đảng' },
  { value: 'NHA_NUOC', label: 'Cơ quan nhà nước, sở, ban, ngành' },
  { value: 'MAT_TRAN', label: 'Mặt trận Tổ quốc và các đoàn thể' },
  { value: 'HOI', label: 'Hội đặc thù' },
  { value: 'DOANH_NGHIEP', label: 'Doanh nghiệp' },
  { value: 'XA_PHUONG', label: 'Xã, phường, đặc khu' },
  { value: 'KHAC', label: 'Khác' },
];

/** Who writes a province's organisation: its admin (or a system admin) and the head of its board. */
function canWrite(me: Me): boolean {
  const acting = actingOf(me);
  return acting.role === 'ADMIN' || acting.role === 'BOARD_HEAD';
}

/**
 * Tổ chức: the province's organisation as a tree (province → khối/cụm → units), each unit with its membership
 * history; the admin and the head of the board create blocs and units, add memberships and end units.
 */
export function OrganisationPage({ me }: { me: Me }) {
  const provinces = useResource(() => listProvinces(), []);
  const [chosen, setChosen] = useState('');
  if (!provinces.data) return provinces.loading ? <Loading /> : <ErrorAlert error={provinces.error} />;
  const list = provinces.data.items;
  const province = list.find((p) => p.code === chosen) ?? list[0];
  return (
    <>
      <PageTitle sub="Tỉnh, các khối và cụm thi đua, các đơn vị thành viên theo thời gian">Tổ chức</PageTitle>
      {canWrite(me) ? (
        <p>
          <Button kind="link" onClick={() => navigate('/organisation/workbook')}>
            Nhập, xuất tệp Excel (mẫu, dữ liệu hiện có, nhập hàng loạt)
          </Button>
        </p>
      ) : null}
      {list.length > 1 ? (
        <SelectField
          label="Tỉnh"
          value={province?.code ?? ''}
          onValue={setChosen}
          options={list.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))}
        />
      ) : null}
      {province ? (
        <ProvinceOrganisation
          key={province.code}
          provinceCode={province.code}
          provinceName={province.name}
          canEdit={canWrite(me)}
        />
      ) : (
        <Empty>Chưa có tỉnh nào.</Empty>
      )}
    </>
  );
}

function ProvinceOrganisation({
  provinceCode,
  provinceName,
  canEdit,
}: {
  provinceCode: string;
  provinceName: string;
  canEdit: boolean;
}) {
  const blocs = useResource(() => listOrgBlocs(provinceCode), [provinceCode]);
  const units = useResource(() => listOrgUnits(provinceCode, { includeEnded: true }), [provinceCode]);
  // A quiet reload keeps the forms mounted, so their outcome stays on screen.
  const reload = () => Promise.all([blocs.reload(), units.reload()]);
  if (!blocs.data || !units.data) {
    return blocs.loading || units.loading ? <Loading /> : <ErrorAlert error={blocs.error ?? units.error} />;
  }
  const today = todayVn();
  const current = (u: OrgUnit) => u.memberships.find((m) => m.validFrom <= today && (m.validTo === null || today < m.validTo));
  const outside = units.data.items.filter((u) => !u.validTo && !current(u));
  return (
    <>
      <Section title={`Cây tổ chức – ${provinceName}`}>
        <ul class="org-tree" role="tree" aria-label={`Tổ chức của ${provinceName}`}>
          <li role="treeitem" aria-expanded="true">
            <strong>{provinceName}</strong>
            <ul role="group">
              {blocs.data.items.map((b) => (
                <BlocNode key={b.code} bloc={b} units={units.data!.items.filter((u) => current(u)?.blocCode === b.code)} />
              ))}
              {outside.length > 0 ? (
                <li role="treeitem" aria-expanded="true">
                  <span>Chưa thuộc khối, cụm nào</span>
                  <ul role="group">
                    {outside.map((u) => (
                      <UnitNode key={u.code} unit={u} />
                    ))}
                  </ul>
                </li>
              ) : null}
            </ul>
          </li>
        </ul>
        {blocs.data.items.length === 0 ? <Empty>Tỉnh chưa có khối, cụm thi đua nào.</Empty> : null}
      </Section>
      {canEdit ? (
        <>
          <CreateBlocForm provinceCode={provinceCode} onDone={reload} />
          <CreateUnitForm provinceCode={provinceCode} blocs={blocs.data.items} onDone={reload} />
          <MembershipForm provinceCode={provinceCode} blocs={blocs.data.items} units={units.data.items} onDone={reload} />
          <EndUnitForm provinceCode={provinceCode} units={units.data.items} onDone={reload} />
        </>
      ) : null}
    </>
  );
}

function BlocNode({ bloc, units }: { bloc: OrgBloc; units: OrgUnit[] }) {
  return (
    <li role="treeitem" aria-expanded="true">
      <span>
        {bloc.kindLabel}: <strong>{bloc.name}</strong> ({bloc.code}) – từ năm {bloc.fromYear}
        {bloc.toYear !== null ? ` đến năm ${bloc.toYear}` : ''}{' '}
        {bloc.toYear !== null ? <Badge tone="warn">Đã kết thúc</Badge> : null}
      </span>
      <ul role="group">
        {units.length === 0 ? <li role="treeitem">Chưa có đơn vị thành viên.</li> : null}
        {units.map((u) => (
          <UnitNode key={u.code} unit={u} />
        ))}
      </ul>
    </li>
  );
}

function UnitNode({ unit }: { unit: OrgUnit }) {
  const [open, setOpen] = useState(false);
  return (
    <li role="treeitem" class="org-unit">
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          {unit.name} ({unit.code}) – {unit.kindLabel}
          {unit.validTo ? <Badge tone="warn">Kết thúc {formatDate(unit.validTo)}</Badge> : null}
        </summary>
        <p>Lịch sử tham gia khối, cụm:</p>
        <ul class="org-history">
          {unit.memberships.map((m) => (
            <li key={m.id}>
              {m.blocName} ({m.blocCode}): từ {formatDate(m.validFrom)}
              {m.validTo ? ` đến trước ${formatDate(m.validTo)}` : ' đến nay'}
            </li>
          ))}
          {unit.memberships.length === 0 ? <li>Chưa tham gia khối, cụm nào.</li> : null}
        </ul>
        {unit.predecessors.length > 0 ? <p>Kế thừa từ: {unit.predecessors.join(', ')}</p> : null}
        {open ? <UnitAwards unit={unit} /> : null}
        <p>
          <a href={`/units/${encodeURIComponent(unit.code)}/awards`}>Khen thưởng của đơn vị</a>
        </p>
      </details>
    </li>
  );
}

/** Loaded when the unit is opened: its awards and its predecessors'. */
function UnitAwards({ unit }: { unit: OrgUnit }) {
  const detail = useResource(() => getOrgUnit(unit.provinceCode, unit.code), [unit.code]);
  if (!detail.data) return detail.loading ? <Loading label="Đang tải khen thưởng…" /> : <ErrorAlert error={detail.error} />;
  const awards = detail.data.awards;
  if (!awards) return null;
  return (
    <>
      <p>Khen thưởng:</p>
      <ul class="org-history">
        {awards.map((a) => (
          <li key={`${a.unitCode}-${a.year}-${a.award}`}>
            {a.year}: {a.awardName} (Quyết định {a.decisionNumber} ngày {formatDate(a.decisionDate)})
            {a.unitCode !== unit.code ? ` – khi mang mã ${a.unitCode}` : ''}
          </li>
        ))}
        {awards.length === 0 ? <li>Chưa có khen thưởng nào được ghi nhận.</li> : null}
      </ul>
    </>
  );
}

function CreateBlocForm({ provinceCode, onDone }: { provinceCode: string; onDone: () => unknown }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<BlocKind>('KHOI');
  const [fromYear, setFromYear] = useState(String(new Date().getFullYear()));
  const action = useAction(
    async () => {
      await createOrgBloc(provinceCode, { code: code.trim(), name, kind, fromYear: Number(fromYear) });
      setCode('');
      setName('');
    },
    { success: 'Đã tạo khối, cụm thi đua.', after: onDone },
  );
  return (
    <Section title="Thêm khối, cụm thi đua">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run();
        }}
      >
        <div class="grid-3">
          <TextField label="Mã khối, cụm" value={code} onValue={setCode} required />
          <TextField label="Tên khối, cụm" value={name} onValue={setName} required />
          <SelectField
            label="Loại"
            value={kind}
            onValue={(v) => setKind(v as BlocKind)}
            options={[
              { value: 'KHOI', label: 'Khối thi đua' },
              { value: 'CUM', label: 'Cụm thi đua' },
            ]}
          />
          <TextField label="Năm bắt đầu" value={fromYear} onValue={setFromYear} inputMode="numeric" required />
        </div>
        <Button type="submit" busy={action.busy} disabled={!code.trim() || !name.trim()}>
          Tạo khối, cụm
        </Button>
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}

function CreateUnitForm({ provinceCode, blocs, onDone }: { provinceCode: string; blocs: OrgBloc[]; onDone: () => unknown }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [shortName, setShortName] = useState('');
  const [kind, setKind] = useState<UnitKind>('KHAC');
  const [bloc, setBloc] = useState('');
  const [from, setFrom] = useState('');
  const action = useAction(
    async () => {
      const unitCode = code.trim();
      await createOrgUnit(provinceCode, { code: unitCode, name, kind, ...(shortName.trim() ? { shortName } : {}) });
      const validFrom = parseDateInput(from);
      if (bloc && validFrom) await addOrgMembership(provinceCode, bloc, { unitCode, validFrom });
      setCode('');
      setName('');
      setShortName('');
    },
    { success: 'Đã tạo đơn vị.', after: onDone },
  );
  const badDate = bloc !== '' && parseDateInput(from) === null;
  return (
    <Section title="Thêm đơn vị">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run();
        }}
      >
        <div class="grid-3">
          <TextField label="Mã đơn vị" value={code} onValue={setCode} required />
          <TextField label="Tên đơn vị" value={name} onValue={setName} required />
          <TextField label="Tên viết tắt" value={shortName} onValue={setShortName} />
          <SelectField label="Loại tổ chức" value={kind} onValue={(v) => setKind(v as UnitKind)} options={UNIT_KINDS} />
          <SelectField
            label="Tham gia khối, cụm"
            value={bloc}
            onValue={setBloc}
            options={[
              { value: '', label: '(chưa tham gia)' },
              ...blocs.map((b) => ({ value: b.code, label: `${b.name} (${b.code})` })),
            ]}
          />
          {bloc ? <DateField label="Tham gia từ ngày" value={from} onValue={setFrom} required /> : null}
        </div>
        <Button type="submit" busy={action.busy} disabled={!code.trim() || !name.trim() || badDate}>
          Tạo đơn vị
        </Button>
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}

function MembershipForm({
  provinceCode,
  blocs,
  units,
  onDone,
}: {
  provinceCode: string;
  blocs: OrgBloc[];
  units: OrgUnit[];
  onDone: () => unknown;
}) {
  const live = units.filter((u) => !u.validTo);
  const [unit, setUnit] = useState(live[0]?.code ?? '');
  const [bloc, setBloc] = useState(blocs[0]?.code ?? '');
  const [from, setFrom] = useState('');
  const action = useAction(
    () => addOrgMembership(provinceCode, bloc, { unitCode: unit, validFrom: parseDateInput(from) ?? '', endCurrent: true }),
    { success: 'Đã ghi nhận đơn vị tham gia khối, cụm (lần tham gia trước, nếu có, kết thúc từ ngày này).', after: onDone },
  );
  if (live.length === 0 || blocs.length === 0) return null;
  return (
    <Section title="Chuyển đơn vị sang khối, cụm khác">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run();
        }}
      >
        <div class="grid-3">
          <SelectField
            label="Đơn vị"
            value={unit}
            onValue={setUnit}
            options={live.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }))}
          />
          <SelectField
            label="Khối, cụm"
            value={bloc}
            onValue={setBloc}
            options={blocs.map((b) => ({ value: b.code, label: `${b.name} (${b.code})` }))}
          />
          <DateField label="Từ ngày" value={from} onValue={setFrom} required />
        </div>
        <Button type="submit" busy={action.busy} disabled={!unit || !bloc || parseDateInput(from) === null}>
          Ghi nhận
        </Button>
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}

function EndUnitForm({ provinceCode, units, onDone }: { provinceCode: string; units: OrgUnit[]; onDone: () => unknown }) {
  const live = units.filter((u) => !u.validTo);
  const [unit, setUnit] = useState(live[0]?.code ?? '');
  const [on, setOn] = useState('');
  const [successor, setSuccessor] = useState('');
  const action = useAction(
    () => endOrgUnit(provinceCode, unit, { on: parseDateInput(on) ?? '', ...(successor ? { successorCode: successor } : {}) }),
    { success: 'Đã kết thúc đơn vị; dữ liệu và lịch sử của đơn vị được giữ nguyên.', after: onDone },
  );
  if (live.length === 0) return null;
  return (
    <Section title="Kết thúc đơn vị (giải thể, sáp nhập, đổi tên)">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run();
        }}
      >
        <div class="grid-3">
          <SelectField
            label="Đơn vị"
            value={unit}
            onValue={setUnit}
            options={live.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }))}
          />
          <DateField label="Kết thúc từ ngày" value={on} onValue={setOn} required />
          <SelectField
            label="Đơn vị kế thừa (nếu có)"
            value={successor}
            onValue={setSuccessor}
            options={[
              { value: '', label: '(không có)' },
              ...live.filter((u) => u.code !== unit).map((u) => ({ value: u.code, label: `${u.name} (${u.code})` })),
            ]}
          />
        </div>
        <Button type="submit" busy={action.busy} disabled={!unit || parseDateInput(on) === null}>
          Kết thúc đơn vị
        </Button>
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}
