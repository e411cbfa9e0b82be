import { useEffect, useId, useState } from 'preact/hooks';
import { downloadFile, fileBlob, uploadFile, type UploadedFile } from '../api/endpoints';
import { useAction } from '../lib/hooks';
import { ActionStatus, Button } from './ui';

/** What the API accepts (it decides from the content; this only narrows the browser's file chooser). */
const ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/**
 * A file field that uploads at once (POST /v1/files) for the cycle's dossier, or with `unitCode` as that unit's
 * evidence, and hands the stored file (its SHA-256 is how the step refers to it) to `onUploaded`.
 */
export function FileUploadField({
  label,
  cycleId,
  unitCode,
  onUploaded,
}: {
  label: string;
  cycleId: string;
  unitCode?: string;
  onUploaded: (file: UploadedFile) => unknown;
}) {
  const id = useId();
  const [last, setLast] = useState<UploadedFile | null>(null);
  const action = useAction(async (file: File) => {
    const stored = await uploadFile(cycleId, file, unitCode);
    setLast(stored);
    await onUploaded(stored);
  });
  return (
    <div class="field file-field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept={ACCEPT}
        disabled={action.busy}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void action.run(file);
          e.currentTarget.value = '';
        }}
      />
      {last && !action.busy && !action.error ? (
        <p class="hint">
          Đã tải lên: {last.name} ({Math.ceil(last.size / 1024)} kB)
        </p>
      ) : null}
      <ActionStatus action={action} />
    </div>
  );
}

/**
 * An uploaded file: download it, and preview a PDF inline. The file is fetched with the session's token and shown
 * from a blob: URL (a frame cannot send the token); the API re-hashes it before answering, so a changed file is refused.
 */
export function FileLink({ sha256, name }: { sha256: string; name?: string }) {
  const [preview, setPreview] = useState<string | null>(null);
  const label = name ?? `Tệp ${sha256.slice(0, 12)}…`;
  const show = useAction(async () => {
    const blob = await fileBlob(sha256);
    if (blob.type === 'application/pdf') setPreview(URL.createObjectURL(blob));
    else await downloadFile(sha256, name ?? sha256);
  });
  const save = useAction(() => downloadFile(sha256, name ?? sha256));
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);
  return (
    <span class="file-link" data-sha256={sha256}>
      <span class="file-name" title={`SHA-256 ${sha256}`}>
        {label}
      </span>{' '}
      <Button kind="secondary" busy={save.busy} onClick={() => void save.run()}>
        Tải về
      </Button>{' '}
      {preview ? (
        <Button kind="secondary" onClick={() => setPreview(null)}>
          Đóng xem trước
        </Button>
      ) : (
        <Button kind="secondary" busy={show.busy} onClick={() => void show.run()}>
          Xem
        </Button>
      )}
      {preview ? <iframe class="file-preview" src={preview} title={`Xem trước: ${label}`} /> : null}
      <ActionStatus action={show} />
      <ActionStatus action={save} />
    </span>
  );
}
