import { useState } from 'preact/hooks';
import { saveBlob } from '../api/client';
import {
  acceptInvitation,
  applyWorkbook,
  downloadWorkbookExport,
  downloadWorkbookProblems,
  downloadWorkbookTemplate,
  listProvinces,
  previewWorkbook,
} from '../api/endpoints';
import type { WorkbookApplied, WorkbookChange, WorkbookCounts, WorkbookPreview, WorkbookSheet } from '../api/types';
import {
  ActionStatus,
  Badge,
  Button,
  Empty,
  ErrorAlert,
  Loading,
  PageTitle,
  ProgressBar,
  Section,
  SelectField,
  TableWrap,
  TextField,
} from '../components/ui';
import { useAction, useResource } from '../lib/hooks';
import { navigate } from '../lib/router';
import { loadSession } from '../lib/session';

const SHEETS: { key: WorkbookSheet; label: string }[] = [
  { key: 'blocs', label: 'Khối-Cụm' },
  { key: 'units', label: 'Đơn vị' },
  { key: 'memberships', label: 'Thành viên khối' },
  { key: 'leaderships', label: 'Lãnh đạo khối' },
  { key: 'accounts', label: 'Tài khoản' },
];
const OPS: Record<WorkbookChange['op'], string> = { CREATE: 'Thêm', CHANGE: 'Sửa', END: 'Kết thúc' };
/** Rows shown on the page; the whole list of problems is in the downloadable sheet. */
const SHOWN = 200;

/**
 * Nhập tệp tổ chức: download the template or the current data, upload a workbook for a preview that writes nothing
 * (every problem, and what would be created, changed or ended), then apply exactly that preview.
 */
export function WorkbookImportPage() {
  const provinces = useResource(() => listProvinces(), []);
  const [chosen, setChosen] = useState('');
  if (!provinces.data) return provinces.loading ? <Loading /> : <ErrorAlert error={provinces.error} />;
  const list = provinces.data.items;
  const province = list.find((p) => p.code === chosen) ?? list[0];
  return (
    <>
      <PageTitle sub="Khối, cụm, đơn vị, thành viên khối, lãnh đạo khối và tài khoản trong một tệp Excel">
        Nhập, xuất tệp tổ chức
      </PageTitle>
      <p>
        <Button kind="link" onClick={() => navigate('/organisation')}>
          ← Về trang Tổ chức
        </Button>
      </p>
      {list.length > 1 ? (
        <SelectField
          label="Tỉnh"
          value={province?.code ?? ''}
          onValue={setChosen}
          options={list.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))}
        />
      ) : null}
      {province ? <Wizard key={province.code} provinceCode={province.code} /> : <Empty>Chưa có tỉnh nào.</Empty>}
    </>
  );
}

function Wizard({ provinceCode }: { provinceCode: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [preview, setPreview] = useState<WorkbookPreview | null>(null);
  const [applied, setApplied] = useState<WorkbookApplied | null>(null);
  const template = useAction(() => downloadWorkbookTemplate(provinceCode));
  const exported = useAction(() => downloadWorkbookExport(provinceCode));
  const problems = useAction(() => downloadWorkbookProblems(provinceCode, preview?.previewToken ?? ''));
  const check = useAction(async () => {
    if (!file) return;
    setPreview(null);
    setApplied(null);
    setProgress({ sent: 0, total: file.size });
    try {
      setPreview(await previewWorkbook(provinceCode, file, (sent, total) => setProgress({ sent, total })));
    } finally {
      setProgress(null);
    }
  });
  const apply = useAction(
    async () => {
      if (!preview) return;
      setApplied(await applyWorkbook(provinceCode, preview.previewToken));
    },
    { success: 'Đã áp dụng các thay đổi.' },
  );
  const invitations = () => {
    if (!applied?.invitations.sheetBase64) return;
    const bytes = Uint8Array.from(atob(applied.invitations.sheetBase64), (c) => c.charCodeAt(0));
    saveBlob(
      new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      applied.invitations.fileName,
    );
  };

  return (
    <>
      <Section title="1. Tải tệp">
        <p>
          Tệp mẫu có tiêu đề tiếng Việt, dòng ví dụ và danh sách chọn; tệp dữ liệu hiện có dùng đúng mẫu đó để sửa rồi nhập lại.
        </p>
        <div class="actions">
          <Button kind="secondary" busy={template.busy} onClick={() => void template.run()}>
            Tải tệp mẫu
          </Button>
          <Button kind="secondary" busy={exported.busy} onClick={() => void exported.run()}>
            Tải dữ liệu hiện có
          </Button>
        </div>
        <ActionStatus action={template} />
        <ActionStatus action={exported} />
      </Section>

      <Section title="2. Xem trước (không ghi gì)">
        <label for="workbook-file">Tệp Excel (.xlsx, tối đa 10 MB)</label>
        <input
          id="workbook-file"
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
        <div class="actions">
          <Button disabled={!file} busy={check.busy} busyLabel="Đang kiểm tra tệp…" onClick={() => void check.run()}>
            Xem trước
          </Button>
        </div>
        {progress ? (
          <ProgressBar label="Đã gửi (kB)" value={Math.round(progress.sent / 1024)} max={Math.round(progress.total / 1024)} />
        ) : null}
        <ActionStatus action={check} />
      </Section>

      {preview ? (
        <Section title="3. Kết quả xem trước">
          <p>
            Tệp <strong>{preview.fileName}</strong>:{' '}
            {preview.problemCount === 0 ? (
              <Badge tone="ok">Không có lỗi</Badge>
            ) : (
              <Badge tone="danger">{`${preview.problemCount} lỗi`}</Badge>
            )}{' '}
            {preview.changes.length === 0
              ? 'Không có thay đổi nào so với dữ liệu đã lưu.'
              : `${preview.changes.length} thay đổi.`}
          </p>
          <SummaryTable summary={preview.summary} />
          {preview.problemCount > 0 ? (
            <>
              <h3>Lỗi cần sửa (không có gì được ghi)</h3>
              <div class="actions">
                <Button kind="secondary" busy={problems.busy} onClick={() => void problems.run()}>
                  Tải danh sách lỗi (.xlsx)
                </Button>
              </div>
              <ActionStatus action={problems} />
              <TableWrap label="Lỗi của tệp">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Trang tính</th>
                      <th scope="col">Dòng</th>
                      <th scope="col">Cột</th>
                      <th scope="col">Giá trị</th>
                      <th scope="col">Lỗi</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.problems.slice(0, SHOWN).map((p, i) => (
                      <tr key={i}>
                        <td>{p.sheet}</td>
                        <td>{p.row || ''}</td>
                        <td>{p.column}</td>
                        <td>{p.value}</td>
                        <td>{p.messageVi}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              {preview.problemCount > SHOWN ? (
                <p>{`Và ${preview.problemCount - SHOWN} lỗi khác: xem tệp danh sách lỗi.`}</p>
              ) : null}
            </>
          ) : null}
          {preview.changes.length > 0 ? (
            <>
              <h3>Các thay đổi sẽ áp dụng</h3>
              <TableWrap label="Các thay đổi">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Trang tính</th>
                      <th scope="col">Dòng</th>
                      <th scope="col">Thay đổi</th>
                      <th scope="col">Mã</th>
                      <th scope="col">Trường</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.changes.slice(0, SHOWN).map((c, i) => (
                      <tr key={i}>
                        <td>{SHEETS.find((s) => s.key === c.sheet)?.label}</td>
                        <td>{c.row}</td>
                        <td>{OPS[c.op]}</td>
                        <td>{c.key}</td>
                        <td>{c.op === 'CREATE' ? '' : c.fields.join(', ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              {preview.changes.length > SHOWN ? <p>{`Và ${preview.changes.length - SHOWN} thay đổi khác.`}</p> : null}
            </>
          ) : null}
          {preview.problemCount === 0 && preview.changes.length > 0 && !applied ? (
            <div class="actions">
              <Button busy={apply.busy} busyLabel="Đang áp dụng…" onClick={() => void apply.run()}>
                Áp dụng các thay đổi
              </Button>
            </div>
          ) : null}
          <ActionStatus action={apply} />
        </Section>
      ) : null}

      {applied ? (
        <Section title="4. Đã áp dụng">
          <SummaryTable summary={applied.summary} />
          {applied.pendingGrants > 0 ? (
            <p>{`${applied.pendingGrants} vai trò quyết định đang chờ một quản trị viên khác phê duyệt (Quản trị → Phê duyệt vai trò).`}</p>
          ) : null}
          {applied.invitations.count > 0 ? (
            <>
              <p role="alert">
                {`${applied.invitations.count} tài khoản mới. Danh sách liên kết kích hoạt chỉ được trả về một lần, ngay bây giờ: hãy tải và gửi riêng cho từng người.`}
              </p>
              <div class="actions">
                <Button onClick={invitations}>Tải danh sách liên kết kích hoạt (.xlsx)</Button>
              </div>
            </>
          ) : null}
        </Section>
      ) : null}
    </>
  );
}

function SummaryTable({ summary }: { summary: Record<WorkbookSheet, WorkbookCounts> }) {
  return (
    <TableWrap label="Tổng hợp thay đổi">
      <table>
        <thead>
          <tr>
            <th scope="col">Trang tính</th>
            <th scope="col">Thêm</th>
            <th scope="col">Sửa</th>
            <th scope="col">Kết thúc</th>
          </tr>
        </thead>
        <tbody>
          {SHEETS.map((s) => (
            <tr key={s.key}>
              <th scope="row">{s.label}</th>
              <td>{summary[s.key].CREATE}</td>
              <td>{summary[s.key].CHANGE}</td>
              <td>{summary[s.key].END}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Kích hoạt tài khoản: the page of a one-time invitation link (/app/kich-hoat#token), before any login. */
export function InvitationPage() {
  const token = location.hash.replace(/^#/, '');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [username, setUsername] = useState('');
  // The link signs the person in: the page then loads their session, as the login page does.
  const accept = useAction(async () => {
    setUsername((await acceptInvitation(token, password)).username);
    await loadSession();
  });
  const mismatch = again !== '' && again !== password;
  return (
    <main id="main" class="login">
      <PageTitle>Kích hoạt tài khoản</PageTitle>
      {username ? (
        <>
          <p role="status">{`Tài khoản ${username} đã được kích hoạt và bạn đã đăng nhập. Lần sau, hãy đăng nhập bằng mật khẩu vừa đặt.`}</p>
          <Button onClick={() => navigate('/', { replace: true })}>Vào trang làm việc</Button>
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!mismatch) void accept.run();
          }}
        >
          <p>Đặt mật khẩu cho tài khoản của bạn. Liên kết này chỉ dùng được một lần.</p>
          <TextField
            label="Mật khẩu mới"
            type="password"
            value={password}
            onValue={setPassword}
            autoComplete="new-password"
            required
          />
          <TextField
            label="Nhập lại mật khẩu"
            type="password"
            value={again}
            onValue={setAgain}
            autoComplete="new-password"
            required
            error={mismatch ? 'Hai mật khẩu không khớp.' : undefined}
          />
          <div class="actions">
            <Button type="submit" busy={accept.busy} disabled={!token || password === '' || mismatch}>
              Kích hoạt
            </Button>
          </div>
          {!token ? <p role="alert">Liên kết không có mã kích hoạt.</p> : null}
          <ActionStatus action={accept} />
        </form>
      )}
    </main>
  );
}
