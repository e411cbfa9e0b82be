import { useState } from 'preact/hooks';
import { assignRole, createUser, listUsers } from '../../api/endpoints';
import type { Role, UserView } from '../../api/types';
import {
  ActionStatus,
  Badge,
  Button,
  ErrorAlert,
  Loading,
  Section,
  SelectField,
  TableWrap,
  TextField,
} from '../../components/ui';
import { formatDate } from '../../lib/format';
import { useAction, useResource } from '../../lib/hooks';
import { ROLE_LABELS, ROLES } from '../../lib/labels';

const UNIT_ROLES: readonly Role[] = ['UNIT_HEAD', 'UNIT_FOCAL'];
const SYSTEM_ROLES: readonly Role[] = ['ADMIN', 'AUDITOR'];

/** Accounts and their dated roles; the admin creates accounts and assigns roles (every change is audited). */
export function UsersPanel({ canEdit }: { canEdit: boolean }) {
  const users = useResource(() => listUsers(), []);
  return (
    <>
      {canEdit ? <CreateUserForm onCreated={users.reload} /> : null}
      {canEdit && users.data ? <AssignRoleForm users={users.data} onAssigned={users.reload} /> : null}
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
                  <th scope="col">Vai trò</th>
                  <th scope="col">Tình trạng</th>
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
                            {r.labelVi} (từ {formatDate(r.validFrom)}
                            {r.validTo ? ` đến ${formatDate(r.validTo)}` : ''})
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {u.disabled ? <Badge tone="danger">Đã khóa</Badge> : <Badge tone="ok">Hoạt động</Badge>}
                      {u.lockedForSeconds > 0 ? <Badge tone="warn">Tạm khóa đăng nhập</Badge> : null}
                    </td>
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

function CreateUserForm({ onCreated }: { onCreated: () => unknown }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const usernameError = username && !/^[\p{L}\p{N}._@-]{3,100}$/u.test(username) ? 'Từ 3 ký tự: chữ, số, dấu . _ - @' : null;
  const passwordError =
    password && (password.length < 10 || !/\p{L}/u.test(password) || !/\p{N}/u.test(password))
      ? 'Ít nhất 10 ký tự, có chữ và số.'
      : null;
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
  const invalid = !userId || (needsProvince && !provinceCode.trim()) || (needsUnit && !unitCode.trim());
  const action = useAction(
    () =>
      assignRole(userId, {
        role,
        ...(needsProvince ? { provinceCode: provinceCode.trim() } : {}),
        ...(needsUnit ? { unitCode: unitCode.trim() } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      }),
    { success: 'Đã giao vai trò.', after: onAssigned },
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
          {needsProvince ? <TextField label="Mã tỉnh" value={provinceCode} onValue={setProvinceCode} required /> : null}
          {needsUnit ? <TextField label="Mã đơn vị" value={unitCode} onValue={setUnitCode} required /> : null}
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
