import { useEffect, useState } from 'preact/hooks';
import { ApiError, login, sessionEndedNotice } from '../api/client';
import { ActionStatus, Button, PageTitle, TextField } from '../components/ui';
import { useAction } from '../lib/hooks';
import { loadSession } from '../lib/session';

export function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // After failed logins the server makes this address wait (429 with Retry-After): count down and say how long.
  const [retryAt, setRetryAt] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const waitSeconds = Math.max(0, Math.ceil((retryAt - now) / 1000));
  useEffect(() => {
    if (retryAt <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [retryAt]);
  const action = useAction(async () => {
    try {
      await login(username.trim(), password);
    } catch (err) {
      if (err instanceof ApiError && err.status === 429 && err.retryAfterSeconds) {
        setNow(Date.now());
        setRetryAt(Date.now() + err.retryAfterSeconds * 1000);
      }
      throw err;
    }
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
        <Button
          type="submit"
          busy={action.busy}
          busyLabel="Đang đăng nhập…"
          disabled={!username.trim() || !password || waitSeconds > 0}
        >
          Đăng nhập
        </Button>
        <ActionStatus action={action} />
        {waitSeconds > 0 ? (
          <p class="alert alert-warn" role="status">
            Có thể đăng nhập lại sau {waitLabel(waitSeconds)}.
          </p>
        ) : null}
      </form>
    </main>
  );
}

function waitLabel(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} giây`;
  return rest === 0 ? `${minutes} phút` : `${minutes} phút ${rest} giây`;
}
