import { useState } from 'preact/hooks';
import { Button, TextArea } from './ui';

/** Returning or rejecting needs a reason: an inline form that refuses to send an empty one. */
export function ReasonForm({
  label,
  confirmLabel,
  busy,
  onSubmit,
  onCancel,
}: {
  label: string;
  confirmLabel: string;
  busy: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const error = touched && reason.trim() === '' ? 'Phải nêu rõ lý do.' : null;
  return (
    <form
      class="reason-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (reason.trim() !== '') onSubmit(reason.trim());
      }}
    >
      <TextArea label={label} value={reason} onValue={setReason} required rows={3} error={error} />
      <div class="actions">
        <Button type="submit" kind="danger" busy={busy}>
          {confirmLabel}
        </Button>
        <Button kind="secondary" onClick={onCancel} disabled={busy}>
          Hủy
        </Button>
      </div>
    </form>
  );
}
