import type { CycleView } from '../api/types';
import { downloadDocument, listDocuments } from '../api/endpoints';
import { useAction, useResource } from '../lib/hooks';
import { unitName } from '../lib/labels';
import { ActionStatus, Button, ErrorAlert } from './ui';

/**
 * Download buttons for the cycle's documents of these kinds that exist at its step (Word to edit, PDF to print); the
 * list comes from the server, which alone knows when a document exists. Nothing shows while none does.
 */
export function DocumentDownloads({ cycle, kinds }: { cycle: CycleView; kinds: string[] }) {
  const docs = useResource(() => listDocuments(cycle.cycleId), [cycle.cycleId, cycle.version]);
  const action = useAction((kind: string, format: 'docx' | 'pdf', unitCode?: string) =>
    downloadDocument(cycle.cycleId, kind, format, unitCode),
  );
  if (docs.error) return <ErrorAlert error={docs.error} />;
  const shown = (docs.data ?? []).filter((d) => d.available && kinds.includes(d.kind));
  if (shown.length === 0) return null;
  const buttons = (kind: string, pdf: boolean, unitCode?: string) => (
    <>
      <Button
        kind="secondary"
        busy={action.busy}
        onClick={() => void action.run(kind, 'docx', unitCode)}
        data-document={`${kind}.docx`}
      >
        Tải Word
      </Button>{' '}
      {pdf ? (
        <Button
          kind="secondary"
          busy={action.busy}
          onClick={() => void action.run(kind, 'pdf', unitCode)}
          data-document={`${kind}.pdf`}
        >
          Tải PDF
        </Button>
      ) : null}
    </>
  );
  return (
    <div class="documents" id={`documents-${kinds.join('-')}`}>
      <h3>Văn bản</h3>
      <ul>
        {shown.flatMap((d) =>
          d.unitCodes
            ? d.unitCodes.map((unit) => (
                <li key={`${d.kind}/${unit}`}>
                  {d.titleVi}: {unitName(cycle, unit)} {buttons(d.kind, d.pdfAvailable, unit)}
                </li>
              ))
            : [
                <li key={d.kind}>
                  {d.titleVi} {buttons(d.kind, d.pdfAvailable)}
                </li>,
              ],
        )}
      </ul>
      {shown.some((d) => !d.pdfAvailable) ? <p class="hint">Máy chủ chưa cài LibreOffice: hiện chỉ tải được bản Word.</p> : null}
      <ActionStatus action={action} />
    </div>
  );
}
