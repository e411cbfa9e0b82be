import { useEffect, useState } from 'preact/hooks';
import { getNotificationSettings, putNotificationSettings } from '../../api/endpoints';
import type { NotificationSettingsView } from '../../api/types';
import { ActionStatus, Button, ErrorAlert, Loading, Section, SelectField, TextField } from '../../components/ui';
import { useAction, useResource } from '../../lib/hooks';

const PREFERENCES: { value: NotificationSettingsView['preference']; label: string }[] = [
  { value: 'IMMEDIATE', label: 'Gửi ngay khi có việc, nhắc hạn, chuyển cấp hoặc quá hạn' },
  { value: 'DIGEST', label: 'Tổng hợp một thư mỗi ngày (7 giờ sáng)' },
  { value: 'OFF', label: 'Không nhận thư' },
];

/** The person's own e-mail notifications: the address they go to and how often (PUT /v1/me/notifications). */
export function NotificationSettings({ onClose }: { onClose: () => void }) {
  const current = useResource(() => getNotificationSettings(), []);
  const [email, setEmail] = useState('');
  const [preference, setPreference] = useState<NotificationSettingsView['preference']>('IMMEDIATE');
  useEffect(() => {
    if (!current.data) return;
    setEmail(current.data.email ?? '');
    setPreference(current.data.preference);
  }, [current.data]);
  const trimmed = email.trim();
  const emailError = trimmed && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) ? 'Địa chỉ thư không hợp lệ.' : null;
  const action = useAction(() => putNotificationSettings({ email: trimmed || null, preference }), {
    success: 'Đã lưu cách nhận thông báo.',
    after: current.reload,
  });
  return (
    <Section title="Thông báo qua thư điện tử">
      {current.error ? <ErrorAlert error={current.error} /> : null}
      {!current.data && !current.error ? <Loading label="Đang tải cách nhận thông báo…" /> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!emailError) void action.run();
        }}
      >
        <div class="grid-2">
          <TextField
            label="Địa chỉ thư điện tử"
            value={email}
            onValue={setEmail}
            autoComplete="email"
            error={emailError}
            hint="Để trống: không gửi thư nào."
          />
          <SelectField
            label="Cách nhận"
            value={preference}
            onValue={(v) => setPreference(v as NotificationSettingsView['preference'])}
            options={PREFERENCES}
          />
        </div>
        <div class="actions">
          <Button type="submit" busy={action.busy} disabled={emailError !== null}>
            Lưu
          </Button>
          <Button kind="secondary" onClick={onClose}>
            Đóng
          </Button>
        </div>
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}
