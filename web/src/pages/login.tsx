import { useState } from 'preact/hooks';
import { login, sessionEndedNotice } from '../api/client';
import { ActionStatus, Button, PageTitle, TextField } from '../components/ui';
import { useAction } from '../lib/hooks';
import { loadSession } from '../lib/session';

export function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(async () => {
    await login(username.trim(), password);
    await loadSession();
  });
  const notice = sessionEndedNotice();
  return (
    <main id="main" class="login">
      <PageTitle sub="Hệ thống quản lý thi đua – khen thưởng của khối, cụm thi đua">Đăng nhập</PageTitle>
      {notice ? (
        <p class="alert alert-warn" role="status">
          {notice}
        </p>
      ) : null}
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run();
        }}
      >
        <TextField
          label="Tên đăng nhập"
          name="username"
          value={username}
          onValue={setUsername}
          autoComplete="username"
          required
        />
        <TextField
          label="Mật khẩu"
          name="password"
          type="password"
          value={password}
          onValue={setPassword}
          autoComplete="current-password"
          required
        />
        <Button type="submit" busy={action.busy} busyLabel="Đang đăng nhập…" disabled={!username.trim() || !password}>
          Đăng nhập
        </Button>
        <ActionStatus action={action} />
      </form>
    </main>
  );
}
