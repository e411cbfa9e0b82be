import { useState } from 'preact/hooks';
import { delegate, endDelegation, listDelegations } from '../../api/endpoints';
import type { DelegationView } from '../../api/types';
import {
  ActionStatus,
  Badge,
  Button,
  DateField,
  ErrorAlert,
  Section,
  SelectField,
  TableWrap,
  TextArea,
  TextField,
} from '../../components/ui';
import { addDays, formatDate, parseDateInput, todayVn } from '../../lib/format';
import { useAction, useResource } from '../../lib/hooks';

/** Ủy quyền or out of office for a period: the delegate gets the person's approval tasks (not passed on further). */
export function DelegationForm({ onClose }: { onClose: () => void }) {
  const today = todayVn();
  const [toUsername, setToUsername] = useState('');
  const [from, setFrom] = useState(formatDate(today));
  const [to, setTo] = useState(formatDate(addDays(today, 7)));
  const [kind, setKind] = useState<'DELEGATION' | 'OUT_OF_OFFICE'>('DELEGATION');
  const [reason, setReason] = useState('');
  const validFrom = parseDateInput(from);
  const validTo = parseDateInput(to);
  const orderError = validFrom && validTo && validTo < validFrom ? 'Ngày kết thúc phải sau ngày bắt đầu.' : null;
  const invalid = !toUsername.trim() || !validFrom || !validTo || orderError !== null || !reason.trim();
  const delegations = useResource(() => listDelegations(), []);
  const action = useAction(
    () =>
      delegate({
        toUsername: toUsername.trim(),
        validFrom: validFrom ?? '',
        validTo: validTo ?? '',
        kind,
        reason: reason.trim(),
      }),
    { success: 'Đã ghi nhận ủy quyền.', after: delegations.reload },
  );
  return (
    <Section title="Ủy quyền xử lý">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid) void action.run();
        }}
      >
        <div class="grid-2">
          <TextField label="Tên đăng nhập người được ủy quyền" value={toUsername} onValue={setToUsername} required />
          <SelectField
            label="Hình thức"
            value={kind}
            onValue={(v) => setKind(v as typeof kind)}
            options={[
              { value: 'DELEGATION', label: 'Ủy quyền' },
              { value: 'OUT_OF_OFFICE', label: 'Vắng mặt (công tác, nghỉ phép)' },
            ]}
          />
          <DateField label="Từ ngày" value={from} onValue={setFrom} required />
          <DateField label="Đến ngày" value={to} onValue={setTo} required error={orderError} />
        </div>
        <TextArea label="Lý do" value={reason} onValue={setReason} required rows={2} />
        <div class="actions">
          <Button type="submit" busy={action.busy} disabled={invalid}>
            Ghi nhận ủy quyền
          </Button>
          <Button kind="secondary" onClick={onClose}>
            Đóng
          </Button>
        </div>
        <ActionStatus action={action} />
      </form>
      {delegations.error ? <ErrorAlert error={delegations.error} /> : null}
      {delegations.data && delegations.data.length > 0 ? (
        <DelegationList rows={delegations.data} onEnded={delegations.reload} />
      ) : null}
    </Section>
  );
}

function DelegationList({ rows, onEnded }: { rows: DelegationView[]; onEnded: () => unknown }) {
  const end = useAction((id: string) => endDelegation(id), { success: 'Đã kết thúc ủy quyền.', after: onEnded });
  return (
    <>
      <TableWrap label="Các ủy quyền">
        <table id="delegations">
          <caption>Các ủy quyền của bạn</caption>
          <thead>
            <tr>
              <th scope="col">Người ủy quyền</th>
              <th scope="col">Người được ủy quyền</th>
              <th scope="col">Thời gian</th>
              <th scope="col">Lý do</th>
              <th scope="col">Tình trạng</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id}>
                <th scope="row">{d.fromUser}</th>
                <td>{d.toUser}</td>
                <td>
                  {formatDate(d.validFrom)} – {formatDate(d.validTo)}
                  {d.kind === 'OUT_OF_OFFICE' ? ' (vắng mặt)' : ''}
                </td>
                <td>{d.reason}</td>
                <td>
                  {d.endedAt ? (
                    <Badge>Đã kết thúc</Badge>
                  ) : (
                    <Button
                      kind="link"
                      busy={end.busy}
                      onClick={() => void end.run(d.id)}
                      aria-label={`Kết thúc ủy quyền cho ${d.toUser}`}
                    >
                      Kết thúc
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <ActionStatus action={end} />
    </>
  );
}
