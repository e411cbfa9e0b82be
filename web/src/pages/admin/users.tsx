import { useEffect, useRef, useState } from 'preact/hooks';
import {
  approveGrant,
  assignRole,
  createUser,
  endRole,
  listOrgUnits,
  listPendingGrants,
  listProvinces,
  listUsers,
  refuseGrant,
  updateUser,
} from '../../api/endpoints';
import type { Role, RoleGrantView, RoleView, UserView } from '../../api/types';
import {
  ActionStatus,
  Badge,
  Button,
  DateField,
  ErrorAlert,
  Loading,
  Section,
  SelectField,
  TableWrap,
  TextField,
} from '../../components/ui';
import { formatDate, parseDateInput } from '../../lib/format';
import { useAction, useResource } from '../../lib/hooks';
import { ROLE_LABELS, ROLES } from '../../lib/labels';

const UNIT_ROLES: readonly Role[] = ['UNIT_HEAD', 'UNIT_FOCAL'];
const SYSTEM_ROLES: readonly Role[] = ['ADMIN', 'AUDITOR'];
/** Granted by two admins: proposed by one, in force only once another approves (the server's TWO_PERSON_GRANT_ROLES). */
const TWO_PERSON_ROLES: readonly Role[] = ['BOARD_SPECIALIST', 'BOARD_HEAD', 'COUNCIL_MEMBER', 'CHAIRMAN', 'ADMIN'];

/** How long a login lockout still lasts, in words. */
const lockLabel = (seconds: number): string => (seconds >= 60 ? `còn ${Math.ceil(seconds / 60)} phút` : `còn ${seconds} giây`);

const passwordProblem = (password: string): string | null =>
  password && (password.length < 10 || !/\p{L}/u.test(password) || !/\p{N}/u.test(password))
    ? 'Ít nhất 10 ký tự, có chữ và số.'
    : null;

/** Accounts and their dated roles; the admin creates accounts, edits them, assigns and ends roles (every change is audited). */
export function UsersPanel({ canEdit }: { canEdit: boolean }) {
  const users = useResource(() => listUsers(), []);
  const [selected, setSelected] = useState<string | null>(null);
  const chosen = users.data?.find((u) => u.id === selected);
  return (
    <>
      {canEdit ? <CreateUserForm onCreated={users.reload} /> : null}
      {canEdit && users.data ? <AssignRoleForm users={users.data} onAssigned={users.reload} /> : null}
      {users.data ? <PendingGrants canEdit={canEdit} version={users.data} onDecided={users.reload} /> : null}
      {canEdit && chosen ? (
        <ManageUser key={chosen.id} user={chosen} onChanged={users.reload} onClose={() => setSelected(null)} />
      ) : null}
      <Section title="Tài khoản">
        {!users.data ? (
          users.loading ? (
            <Loading />
          ) : (
            <ErrorAlert error={users.error} />
          )
        ) : (
          <TableWrap label="Danh sách tài khoản">
            <table id="users">
              <caption>{users.data.length} tài khoản</caption>
              <thead>
                <tr>
                  <th scope="col">Tên đăng nhập</th>
                  <th scope="col">Họ tên</th>
                  <th scope="col">Vai trò (thời hạn)</th>
                  <th scope="col">Tình trạng</th>
                  {canEdit ? <th scope="col">Thao tác</th> : null}
                </tr>
              </thead>
              <tbody>
                {users.data.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">{u.username}</th>
                    <td>{u.displayName}</td>
                    <td>
                      <ul class="plain">
                        {u.roles.map((r) => (
                          <li key={r.id} class={r.current ? '' : 'muted'}>
                            {r.labelVi} ({validity(r)}){' '}
                            {r.current ? <Badge tone="ok">Đang hiệu lực</Badge> : <Badge>Hết hiệu lực</Badge>}
                          </li>
                        ))}
                        {(u.pendingGrants ?? []).map((g) => (
                          <li key={g.id} class="muted">
                            {g.labelVi} ({validity(g)}) <Badge tone="warn">Chờ phê duyệt</Badge>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {u.disabled ? <Badge tone="danger">Đã khóa</Badge> : <Badge tone="ok">Hoạt động</Badge>}
                      {u.lockedForSeconds > 0 ? (
                        <Badge tone="warn">Đang chờ do đăng nhập sai ({lockLabel(u.lockedForSeconds)})</Badge>
                      ) : null}
                    </td>
                    {canEdit ? (
                      <td>
                        <Button kind="secondary" aria-label={`Quản lý tài khoản ${u.username}`} onClick={() => setSelected(u.id)}>
                          Quản lý
                        </Button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Section>
    </>
  );
}

const validity = (r: Pick<RoleView, 'validFrom' | 'validTo'>): string =>
  `từ ${formatDate(r.validFrom)}${r.validTo ? ` đến ${formatDate(r.validTo)}` : ', không thời hạn'}`;

/** One account: its name, disabling and re-enabling, a new password, lifting a login lockout, ending its roles. */
function ManageUser({ user, onChanged, onClose }: { user: UserView; onChanged: () => unknown; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const [displayName, setDisplayName] = useState(user.displayName);
  const [password, setPassword] = useState('');
  const passwordError = passwordProblem(password);
  const action = useAction(
    (body: Parameters<typeof updateUser>[1], success: string) => updateUser(user.id, body).then(() => setDone(success)),
    { after: onChanged },
  );
  const [done, setDone] = useState('');
  const run = (body: Parameters<typeof updateUser>[1], success: string) => {
    setDone('');
    void action.run(body, success);
  };
  return (
    <section class="card" aria-labelledby="manage-user-title">
      <h2 id="manage-user-title" ref={heading} tabIndex={-1}>
        Quản lý tài khoản {user.username}
      </h2>
      <p>
        {user.disabled ? <Badge tone="danger">Đã khóa</Badge> : <Badge tone="ok">Hoạt động</Badge>}{' '}
        {user.lockedForSeconds > 0 ? (
          <Badge tone="warn">Một địa chỉ đang phải chờ do nhập sai mật khẩu ({lockLabel(user.lockedForSeconds)})</Badge>
        ) : null}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (displayName.trim()) run({ displayName: displayName.trim() }, 'Đã lưu họ tên.');
        }}
      >
        <TextField label="Họ và tên" value={displayName} onValue={setDisplayName} required />
        <Button type="submit" kind="secondary" disabled={!displayName.trim() || displayName.trim() === user.displayName}>
          Lưu họ tên
        </Button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (password && !passwordError) run({ password }, 'Đã đặt lại mật khẩu; các phiên đăng nhập cũ đã kết thúc.');
        }}
      >
        <TextField
          label="Mật khẩu mới"
          type="password"
          value={password}
          onValue={setPassword}
          error={passwordError}
          autoComplete="new-password"
          hint="Đặt lại mật khẩu sẽ kết thúc các phiên đăng nhập của người dùng."
        />
        <Button type="submit" kind="secondary" disabled={!password || passwordError !== null}>
          Đặt lại mật khẩu
        </Button>
      </form>
      <div class="actions">
        {user.disabled ? (
          <Button onClick={() => run({ disabled: false }, 'Đã mở khóa tài khoản.')}>Mở khóa tài khoản</Button>
        ) : (
          <Button kind="danger" onClick={() => run({ disabled: true }, 'Đã khóa tài khoản.')}>
            Khóa tài khoản
          </Button>
        )}
        {user.lockedForSeconds > 0 ? (
          <Button kind="secondary" onClick={() => run({ unlock: true }, 'Đã xóa thời gian chờ đăng nhập.')}>
            Xóa thời gian chờ đăng nhập
          </Button>
        ) : null}
        <Button kind="link" onClick={onClose}>
          Đóng
        </Button>
      </div>
      <div class="action-status" aria-live="polite">
        {action.busy ? <Loading label="Đang lưu thay đổi…" /> : null}
        <ErrorAlert error={action.error} />
        {done && !action.error && !action.busy ? <p class="alert alert-ok">{done}</p> : null}
      </div>
      <h3>Vai trò</h3>
      {user.roles.length === 0 ? <p class="muted">Chưa có vai trò nào.</p> : null}
      <ul class="plain">
        {user.roles.map((r) => (
          <li key={r.id}>
            <p>
              <strong>{r.labelVi}</strong> ({validity(r)}){' '}
              {r.current ? <Badge tone="ok">Đang hiệu lực</Badge> : <Badge>Hết hiệu lực</Badge>}
              {r.reason ? <span class="reason"> Căn cứ: {r.reason}</span> : null}
            </p>
            {r.current || !r.validTo ? <EndRoleForm user={user} role={r} onEnded={onChanged} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Ends a role from a day (or now), with the reason; the row stays, for the history. */
function EndRoleForm({ user, role, onEnded }: { user: UserView; role: RoleView; onEnded: () => unknown }) {
  const [reason, setReason] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [touched, setTouched] = useState(false);
  const day = endsOn.trim() ? parseDateInput(endsOn) : null;
  const reasonError = touched && !reason.trim() ? 'Phải nêu rõ lý do kết thúc vai trò.' : null;
  const action = useAction(
    () =>
      endRole(user.id, role.id, {
        reason: reason.trim(),
        ...(day ? { validTo: new Date(`${day}T00:00:00+07:00`).toISOString() } : {}),
      }),
    { success: `Đã kết thúc vai trò ${role.labelVi}.`, after: onEnded },
  );
  return (
    <form
      noValidate
      class="reason-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (reason.trim() && (!endsOn.trim() || day)) void action.run();
      }}
    >
      <fieldset>
        <legend>Kết thúc vai trò {role.labelVi}</legend>
        <div class="grid-3">
          <TextField label="Lý do kết thúc" value={reason} onValue={setReason} required error={reasonError} />
          <DateField
            label="Kết thúc từ ngày"
            value={endsOn}
            onValue={setEndsOn}
            hint="Để trống: kết thúc ngay. Định dạng dd/mm/yyyy."
          />
        </div>
        <Button type="submit" kind="danger" busy={action.busy}>
          Kết thúc vai trò
        </Button>
        <ActionStatus action={action} />
      </fieldset>
    </form>
  );
}

function CreateUserForm({ onCreated }: { onCreated: () => unknown }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const usernameError = username && !/^[\p{L}\p{N}._@-]{3,100}$/u.test(username) ? 'Từ 3 ký tự: chữ, số, dấu . _ - @' : null;
  const passwordError = passwordProblem(password);
  const invalid = !username || !displayName.trim() || !password || usernameError !== null || passwordError !== null;
  const action = useAction(() => createUser({ username: username.trim(), displayName: displayName.trim(), password }), {
    success: 'Đã tạo tài khoản.',
    after: () => {
      setUsername('');
      setDisplayName('');
      setPassword('');
      return onCreated();
    },
  });
  return (
    <Section title="Tạo tài khoản">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid) void action.run();
        }}
      >
        <div class="grid-3">
          <TextField
            label="Tên đăng nhập"
            value={username}
            onValue={setUsername}
            required
            error={usernameError}
            autoComplete="off"
          />
          <TextField label="Họ và tên" value={displayName} onValue={setDisplayName} required />
          <TextField
            label="Mật khẩu ban đầu"
            type="password"
            value={password}
            onValue={setPassword}
            required
            error={passwordError}
            autoComplete="new-password"
          />
        </div>
        <Button type="submit" busy={action.busy} disabled={invalid}>
          Tạo tài khoản
        </Button>
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}

function AssignRoleForm({ users, onAssigned }: { users: UserView[]; onAssigned: () => unknown }) {
  const [userId, setUserId] = useState(users[0]?.id ?? '');
  const [role, setRole] = useState<Role>('UNIT_FOCAL');
  const [provinceCode, setProvinceCode] = useState('');
  const [unitCode, setUnitCode] = useState('');
  const [reason, setReason] = useState('');
  const needsUnit = UNIT_ROLES.includes(role);
  const needsProvince = !SYSTEM_ROLES.includes(role);
  // Chosen from the organisation's lists, not typed: a code that does not exist cannot be granted.
  const provinces = useResource(() => listProvinces(), []);
  const units = useResource(
    () =>
      needsUnit && provinceCode ? listOrgUnits(provinceCode) : Promise.resolve({ items: [], total: 0, limit: 0, offset: 0 }),
    [needsUnit, provinceCode],
  );
  const invalid = !userId || (needsProvince && !provinceCode.trim()) || (needsUnit && !unitCode.trim());
  const action = useAction(
    () =>
      assignRole(userId, {
        role,
        ...(needsProvince ? { provinceCode: provinceCode.trim() } : {}),
        ...(needsUnit ? { unitCode: unitCode.trim() } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      }),
    {
      success: TWO_PERSON_ROLES.includes(role)
        ? 'Đã đề xuất giao vai trò; vai trò chỉ có hiệu lực khi một quản trị viên khác phê duyệt.'
        : 'Đã giao vai trò.',
      after: onAssigned,
    },
  );
  return (
    <Section title="Giao vai trò">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid) void action.run();
        }}
      >
        <div class="grid-3">
          <SelectField
            label="Tài khoản"
            value={userId}
            onValue={setUserId}
            options={users.map((u) => ({ value: u.id, label: `${u.username} – ${u.displayName}` }))}
          />
          <SelectField
            label="Vai trò"
            value={role}
            onValue={(v) => setRole(v as Role)}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
          {needsProvince ? (
            <SelectField
              label="Tỉnh"
              value={provinceCode}
              onValue={(v) => {
                setProvinceCode(v);
                setUnitCode('');
              }}
              options={[
                { value: '', label: '(chọn tỉnh)' },
                ...(provinces.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.name} (${p.code})` })),
              ]}
            />
          ) : null}
          {needsUnit ? (
            <SelectField
              label="Đơn vị"
              value={unitCode}
              onValue={setUnitCode}
              options={[
                { value: '', label: provinceCode ? '(chọn đơn vị)' : '(chọn tỉnh trước)' },
                ...(units.data?.items ?? []).map((u) => ({ value: u.code, label: `${u.name} (${u.code})` })),
              ]}
            />
          ) : null}
          <TextField label="Căn cứ (quyết định phân công)" value={reason} onValue={setReason} />
        </div>
        <Button type="submit" busy={action.busy} disabled={invalid}>
          Giao vai trò
        </Button>
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}

/**
 * Grants of deciding roles awaiting a second admin: approved (in force from the proposed start, or now) or refused with
 * a reason. The server refuses an admin's approval of his own proposal or of a grant to himself, and says so.
 */
function PendingGrants({ canEdit, version, onDecided }: { canEdit: boolean; version: unknown; onDecided: () => unknown }) {
  const grants = useResource(() => listPendingGrants(), [version]);
  if (!grants.data) return grants.loading ? <Loading /> : <ErrorAlert error={grants.error} />;
  return (
    <Section title="Đề xuất giao vai trò chờ phê duyệt">
      {grants.data.length === 0 ? (
        <p>Không có đề xuất nào đang chờ phê duyệt.</p>
      ) : (
        <TableWrap label="Đề xuất giao vai trò chờ phê duyệt">
          <table id="pending-grants">
            <thead>
              <tr>
                <th scope="col">Tài khoản</th>
                <th scope="col">Vai trò (thời hạn)</th>
                <th scope="col">Người đề xuất</th>
                {canEdit ? <th scope="col">Thao tác</th> : null}
              </tr>
            </thead>
            <tbody>
              {grants.data.map((g) => (
                <PendingGrantRow key={g.id} grant={g} canEdit={canEdit} onDecided={onDecided} />
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Section>
  );
}

function PendingGrantRow({ grant, canEdit, onDecided }: { grant: RoleGrantView; canEdit: boolean; onDecided: () => unknown }) {
  const [reason, setReason] = useState('');
  const approve = useAction(() => approveGrant(grant.id), { success: 'Đã phê duyệt; vai trò có hiệu lực.', after: onDecided });
  const refuse = useAction(() => refuseGrant(grant.id, reason.trim()), {
    success: 'Đã không phê duyệt đề xuất.',
    after: onDecided,
  });
  const label = `${grant.labelVi} cho ${grant.username}`;
  return (
    <tr>
      <th scope="row">{grant.username}</th>
      <td>
        {grant.labelVi} ({validity(grant)}){grant.reason ? ` – ${grant.reason}` : ''}
      </td>
      <td>
        {grant.proposedBy}, {formatDate(grant.proposedAt)}
      </td>
      {canEdit ? (
        <td>
          <fieldset aria-label={`Phê duyệt đề xuất: ${label}`}>
            <Button busy={approve.busy} onClick={() => void approve.run()} aria-label={`Phê duyệt: ${label}`}>
              Phê duyệt
            </Button>
            <TextField label="Lý do không phê duyệt" value={reason} onValue={setReason} />
            <Button
              kind="secondary"
              busy={refuse.busy}
              disabled={!reason.trim()}
              onClick={() => void refuse.run()}
              aria-label={`Không phê duyệt: ${label}`}
            >
              Không phê duyệt
            </Button>
            <ActionStatus action={approve} />
            <ActionStatus action={refuse} />
          </fieldset>
        </td>
      ) : null}
    </tr>
  );
}
