import { useEffect, useState } from 'preact/hooks';
import { downloadRoundDocument, listRoundDocuments, roundDocumentPdf, type RoundDocument } from '../../api/round-documents';
import { ActionStatus, Button, Empty, ErrorAlert, Loading, PageTitle, Section } from '../../components/ui';
import { useAction, useResource } from '../../lib/hooks';
import { Link } from '../../lib/router';

interface Preview {
  key: string;
  title: string;
  url: string;
}

/** One document of a kind: its instance (a session, a decision, a submission) or the kind's only one. */
interface Entry {
  doc: RoundDocument;
  instance: { id: string; labelVi: string };
}

const keyOf = (e: Entry) => `${e.doc.kind}/${e.instance.id}`;

/**
 * The round's papers (tờ trình of Sở Nội vụ, the council's minutes per session, each decision, the tờ trình upward):
 * which exist now, each to download as Word or PDF, and a PDF shown on the page before it is printed. The list comes
 * from the server, which alone knows which exist; the documents are generated from the round's state on each request.
 */
export function RoundDocumentsPage({ roundId }: { roundId: string }) {
  const docs = useResource(() => listRoundDocuments(roundId), [roundId]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const param = (doc: RoundDocument) => doc.parameter;
  const download = useAction((e: Entry, format: 'docx' | 'pdf') =>
    downloadRoundDocument(roundId, e.doc.kind, format, param(e.doc), e.instance.id),
  );
  const show = useAction(async (e: Entry) => {
    const blob = await roundDocumentPdf(roundId, e.doc.kind, param(e.doc), e.instance.id);
    const title = param(e.doc) ? `${e.doc.titleVi}: ${e.instance.labelVi}` : e.doc.titleVi;
    setPreview({ key: keyOf(e), title, url: URL.createObjectURL(blob) });
  });
  // The blob URL of a preview replaced or left behind is released.
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview.url) : undefined), [preview?.url]);

  const list = docs.data ?? [];
  const pdf = list.every((d) => d.pdfAvailable);
  return (
    <>
      <PageTitle sub={<Link href={`/rounds/${encodeURIComponent(roundId)}`}>Về đợt xét khen thưởng</Link>}>
        Văn bản của đợt xét khen thưởng
      </PageTitle>
      {docs.error ? <ErrorAlert error={docs.error} /> : null}
      {docs.loading && !docs.data ? <Loading /> : null}
      {docs.data ? (
        <>
          {!pdf ? <p class="hint">Máy chủ chưa cài LibreOffice: hiện chỉ tải được bản Word.</p> : null}
          {list.map((doc) => (
            <Section key={doc.kind} title={doc.titleVi} id={`document-${doc.kind}`}>
              {doc.available ? (
                <ul class="documents">
                  {doc.instances.map((instance) => {
                    const e = { doc, instance };
                    return (
                      <li key={instance.id} data-document={keyOf(e)}>
                        <span>{instance.labelVi}</span>{' '}
                        <Button kind="secondary" busy={download.busy} onClick={() => void download.run(e, 'docx')}>
                          Tải Word
                        </Button>{' '}
                        {doc.pdfAvailable ? (
                          <>
                            <Button kind="secondary" busy={download.busy} onClick={() => void download.run(e, 'pdf')}>
                              Tải PDF
                            </Button>{' '}
                            <Button
                              kind="link"
                              busy={show.busy}
                              busyLabel="Đang tạo bản xem…"
                              aria-pressed={preview?.key === keyOf(e) ? 'true' : 'false'}
                              onClick={() => void show.run(e)}
                            >
                              Xem trước
                            </Button>
                          </>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              ) : (
                <Empty>Chưa có: văn bản có {doc.availableWhenVi}.</Empty>
              )}
            </Section>
          ))}
          <ActionStatus action={download} />
          <ActionStatus action={show} />
          {preview ? (
            <Section title={`Xem trước: ${preview.title}`} id="document-preview">
              <iframe class="document-preview" title={preview.title} src={preview.url} width="100%" height="900" />
              <p>
                <Button kind="secondary" onClick={() => setPreview(null)}>
                  Đóng bản xem trước
                </Button>
              </p>
            </Section>
          ) : null}
        </>
      ) : null}
    </>
  );
}
