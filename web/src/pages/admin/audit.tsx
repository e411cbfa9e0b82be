import { useState } from 'preact/hooks';
import { listIncidents, reassignChain, verifyAudit } from '../../api/endpoints';
import {
  ActionStatus,
  Badge,
  Button,
  Checkbox,
  Empty,
  ErrorAlert,
  Loading,
  Section,
  TableWrap,
  TextArea,
  TextField,
} from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useAction, useResource } from '../../lib/hooks';
import { ROLE_LABELS } from '../../lib/labels';
import { Link } from '../../lib/router';
import type { IncidentView, Role } from '../../api/types';

/** The audit chain's verification: intact, or the first broken entry and why. */
export function AuditPanel() {
  const result = useResource(() => verifyAudit(), []);
  return (
    <Section title="Kiểm tra chuỗi nhật ký kiểm toán">
      {!result.data ? (
        result.loading ? (
          <Loading label="Đang kiểm tra toàn bộ chuỗi băm…" />
        ) : (
          <ErrorAlert error={result.error} />
        )
      ) : (
        <div id="audit-result" role="status">
          {result.data.ok ? (
            <p>
              <Badge tone="ok">Toàn vẹn</Badge> Chuỗi nhật ký gồm {result.data.entries} bản ghi, không phát hiện sửa, xóa hay
              chèn.
            </p>
          ) : (
            <p>
              <Badge tone="danger">Bị phá vỡ</Badge> Bản ghi hỏng đầu tiên: số {result.data.firstBroken?.seq} (
              {result.data.firstBroken?.eventId}) –{' '}
              {result.data.firstBroken?.reason === 'HASH_MISMATCH'
                ? 'nội dung bản ghi đã bị sửa'
                : 'một bản ghi phía trước đã bị xóa, chèn hoặc đổi thứ tự'}
              .
            </p>
          )}
          {result.data.head ? (
            <p class="muted">
              Bản ghi cuối: số {result.data.head.seq}, mã băm <code>{result.data.head.hash}</code>. Lưu mã này ở nơi khác để phát
              hiện việc cắt bớt phần cuối.
            </p>
          ) : null}
          <p class="muted" id="audit-algorithm">
            Cách kiểm tra: mỗi bản ghi được băm SHA-256 cùng mã băm của bản ghi liền trước, nên sửa, xóa, chèn hay đổi thứ tự một
            bản ghi đều làm đứt chuỗi.
          </p>
          <details>
            <summary>Đặc tả kỹ thuật của thuật toán (tiếng Anh, cho người kiểm tra độc lập)</summary>
            <p lang="en">
              <code>{result.data.algorithm}</code>
            </p>
          </details>
        </div>
      )}
      <Button kind="secondary" busy={result.loading && !!result.data} onClick={() => void result.reload()}>
        Kiểm tra lại
      </Button>
    </Section>
  );
}

/** Approval levels that nobody can decide (no holder, all barred, quorum unreachable), for the admin to reassign. */
export function IncidentsPanel({ canEdit = false }: { canEdit?: boolean }) {
  const [openOnly, setOpenOnly] = useState(true);
  const [notice, setNotice] = useState('');
  const incidents = useResource(() => listIncidents(openOnly), [openOnly]);
  const open = (incidents.data ?? []).filter((i) => !i.resolvedAt);
  const reassigned = async (i: IncidentView, toUsername: string) => {
    setNotice(`Đã giao cấp ${i.levelCode} của “${i.title}” cho ${toUsername}; sự cố đã được khắc phục.`);
    // Show the resolved incident too: the list keeps it, marked with when it was resolved.
    if (openOnly) setOpenOnly(false);
    else await incidents.reload();
  };
  return (
    <Section title="Sự cố: cấp phê duyệt không có người xử lý">
      <Checkbox label="Chỉ sự cố chưa khắc phục" checked={openOnly} onChange={setOpenOnly} />
      <div aria-live="polite">{notice ? <p class="alert alert-ok">{notice}</p> : null}</div>
      {!incidents.data ? (
        incidents.loading ? (
          <Loading />
        ) : (
          <ErrorAlert error={incidents.error} />
        )
      ) : incidents.data.length === 0 ? (
        <Empty>Không có sự cố nào.</Empty>
      ) : (
        <TableWrap label="Danh sách sự cố">
          <table id="incidents">
            <thead>
              <tr>
                <th scope="col">Thời điểm</th>
                <th scope="col">Hồ sơ</th>
                <th scope="col">Cấp, vai trò</th>
                <th scope="col">Chi tiết</th>
                <th scope="col">Tình trạng</th>
              </tr>
            </thead>
            <tbody>
              {incidents.data.map((i) => (
                <tr key={`${i.chainId}-${i.incidentId}`}>
                  <td>{formatDateTime(i.openedAt)}</td>
                  <th scope="row">
                    <Link href={`/approvals/${encodeURIComponent(i.chainId)}`}>{i.title}</Link>
                  </th>
                  <td>
                    {i.levelCode} · {ROLE_LABELS[i.role as Role] ?? i.role}
                  </td>
                  <td>{i.detail}</td>
                  <td>
                    {i.resolvedAt ? (
                      <>
                        <Badge tone="ok">Đã khắc phục</Badge> {formatDateTime(i.resolvedAt)}
                        {i.resolution ? <span class="reason"> {i.resolution}</span> : null}
                      </>
                    ) : (
                      <Badge tone="danger">Chưa khắc phục</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {canEdit
        ? open.map((i) => (
            <ReassignForm key={`${i.chainId}-${i.incidentId}`} incident={i} onDone={(toUsername) => reassigned(i, toUsername)} />
          ))
        : null}
    </Section>
  );
}

/** Resolves an incident: the level is handed to a named person, with the reason (the decision that authorises it). */
function ReassignForm({ incident, onDone }: { incident: IncidentView; onDone: (toUsername: string) => unknown }) {
  const [toUsername, setToUsername] = useState('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const usernameError = touched && !toUsername.trim() ? 'Nhập tên đăng nhập của người được giao.' : null;
  const reasonError = touched && !reason.trim() ? 'Phải nêu rõ lý do (căn cứ giao lại).' : null;
  const action = useAction(
    () =>
      reassignChain(incident.chainId, { levelCode: incident.levelCode, toUsername: toUsername.trim(), reason: reason.trim() }),
    { after: () => onDone(toUsername.trim()) },
  );
  return (
    <form
      noValidate
      class="reassign"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (toUsername.trim() && reason.trim()) void action.run();
      }}
    >
      <fieldset>
        <legend>
          Giao lại người xử lý: {incident.title} (cấp {incident.levelCode})
        </legend>
        <div class="grid-3">
          <TextField
            label="Tên đăng nhập người được giao"
            value={toUsername}
            onValue={setToUsername}
            required
            error={usernameError}
            autoComplete="off"
          />
        </div>
        <TextArea label="Lý do giao lại" value={reason} onValue={setReason} required rows={2} error={reasonError} />
        <Button type="submit" busy={action.busy}>
          Giao lại người xử lý
        </Button>
        <ActionStatus action={action} />
      </fieldset>
    </form>
  );
}
