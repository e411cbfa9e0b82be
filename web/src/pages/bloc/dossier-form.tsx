import { useState } from 'preact/hooks';
import { submitDossier } from '../../api/endpoints';
import type { CycleView } from '../../api/types';
import { DossierView, EligibilityList, NomineesTable } from '../../components/dossier-view';
import { FileLink, FileUploadField } from '../../components/files';
import { ActionStatus, Button, DateField, Section, TextField } from '../../components/ui';
import { formatDate, parseDateInput, todayVn } from '../../lib/format';
import { useAction } from '../../lib/hooks';
import { unitName } from '../../lib/labels';
import { Link } from '../../lib/router';
import { DocumentDownloads } from '../../components/documents';

/** The nomination dossier: the Trưởng khối submits (and after a return, supplements and resubmits) it. */
export function DossierPanel({ cycle, onChanged }: { cycle: CycleView; onChanged: () => unknown }) {
  const canSubmit =
    cycle.phase === 'SUBMISSION' &&
    (!cycle.dossier || cycle.dossier.status === 'RETURNED' || cycle.dossier.status === 'WITHDRAWN');
  return (
    <>
      <Section title="Đề nghị khen thưởng">
        <NomineesTable cycle={cycle} />
        <EligibilityList cycle={cycle} />
      </Section>
      <Section title="Hồ sơ đề nghị khen thưởng">
        <DossierView cycle={cycle} />
        <DocumentDownloads cycle={cycle} kinds={['to-trinh', 'bao-cao-thanh-tich', 'quyet-dinh']} />
        {canSubmit ? <DossierForm cycle={cycle} onChanged={onChanged} /> : null}
        {cycle.dossier?.chainId && cycle.dossier.status === 'SUBMITTED' ? (
          <p>
            Hồ sơ đang được kiểm tra qua quy trình phê duyệt:{' '}
            <Link href={`/approvals/${encodeURIComponent(cycle.dossier.chainId)}`}>theo dõi, rút hồ sơ</Link>
          </p>
        ) : null}
        {cycle.appraisal?.chainId ? (
          <p>
            Hồ sơ được thẩm định qua quy trình phê duyệt nhiều cấp:{' '}
            <Link href={`/approvals/${encodeURIComponent(cycle.appraisal.chainId)}`}>
              theo dõi, trình lại nội dung bị trả lại
            </Link>
          </p>
        ) : null}
      </Section>
    </>
  );
}

function DossierForm({ cycle, onChanged }: { cycle: CycleView; onChanged: () => unknown }) {
  const previous = cycle.dossier;
  const units = [...new Set(cycle.nominees.map((n) => n.unitCode))];
  const [number, setNumber] = useState(previous?.toTrinh.number ?? '');
  const [date, setDate] = useState(formatDate(previous?.toTrinh.date ?? todayVn()));
  const [documentRef, setDocumentRef] = useState(previous?.toTrinh.documentRef ?? '');
  const [toTrinhFile, setToTrinhFile] = useState<string | undefined>(previous?.toTrinh.sha256);
  const [scans, setScans] = useState<{ sha256: string; name: string }[]>(previous?.signedScans ?? []);
  const [reports, setReports] = useState(() =>
    units.map((u) => {
      const before = previous?.achievementReports.find((r) => r.unitCode === u);
      return {
        unitCode: u,
        title: before?.title ?? `Báo cáo thành tích năm ${cycle.year} của ${unitName(cycle, u)}`,
        documentRef: before?.documentRef ?? '',
        sha256: before?.sha256,
      };
    }),
  );
  const day = parseDateInput(date);
  const missing = !number.trim() || !day || !documentRef.trim() || reports.some((r) => !r.title.trim() || !r.documentRef.trim());
  const action = useAction(
    () =>
      submitDossier(cycle.cycleId, {
        toTrinh: { number: number.trim(), date: day ?? '', documentRef: documentRef.trim(), sha256: toTrinhFile },
        achievementReports: reports.map((r) => ({
          unitCode: r.unitCode,
          title: r.title.trim(),
          documentRef: r.documentRef.trim(),
          sha256: r.sha256,
        })),
        ...(scans.length > 0 ? { signedScans: scans } : {}),
      }),
    { success: 'Đã trình hồ sơ tới Phòng Thi đua – Khen thưởng.', after: onChanged },
  );
  const setReport = (i: number, patch: Partial<(typeof reports)[number]>) =>
    setReports((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!missing) void action.run();
      }}
    >
      <h3>{previous ? 'Bổ sung và trình lại hồ sơ' : 'Trình hồ sơ'}</h3>
      <fieldset>
        <legend>Tờ trình</legend>
        <div class="grid-3">
          <TextField label="Số tờ trình" value={number} onValue={setNumber} required />
          <DateField label="Ngày tờ trình" value={date} onValue={setDate} required />
          <TextField label="Tài liệu tờ trình (đường dẫn hoặc tên tệp)" value={documentRef} onValue={setDocumentRef} required />
        </div>
        <FileUploadField
          label="Tệp tờ trình (PDF hoặc Word)"
          cycleId={cycle.cycleId}
          onUploaded={(file) => {
            setToTrinhFile(file.sha256);
            setDocumentRef(file.name);
          }}
        />
        {toTrinhFile ? <FileLink sha256={toTrinhFile} name={documentRef} /> : null}
      </fieldset>
      {reports.map((r, i) => (
        <fieldset key={r.unitCode}>
          <legend>Báo cáo thành tích: {unitName(cycle, r.unitCode)}</legend>
          <div class="grid-2">
            <TextField label="Tiêu đề báo cáo" value={r.title} onValue={(v) => setReport(i, { title: v })} required />
            <TextField
              label="Tài liệu báo cáo (đường dẫn hoặc tên tệp)"
              value={r.documentRef}
              onValue={(v) => setReport(i, { documentRef: v })}
              required
            />
          </div>
          <FileUploadField
            label={`Tệp báo cáo thành tích: ${unitName(cycle, r.unitCode)}`}
            cycleId={cycle.cycleId}
            onUploaded={(file) => setReport(i, { sha256: file.sha256, documentRef: file.name })}
          />
          {r.sha256 ? <FileLink sha256={r.sha256} name={r.documentRef} /> : null}
        </fieldset>
      ))}
      <fieldset>
        <legend>Bản quét văn bản đã ký (tờ trình, biên bản)</legend>
        <FileUploadField
          label="Thêm bản quét (PDF hoặc ảnh)"
          cycleId={cycle.cycleId}
          onUploaded={(file) =>
            setScans((all) =>
              all.some((f) => f.sha256 === file.sha256) ? all : [...all, { sha256: file.sha256, name: file.name }],
            )
          }
        />
        {scans.length > 0 ? (
          <ul class="evidence" id="signed-scans">
            {scans.map((f) => (
              <li key={f.sha256}>
                <FileLink sha256={f.sha256} name={f.name} />{' '}
                <Button kind="link" onClick={() => setScans((all) => all.filter((x) => x.sha256 !== f.sha256))}>
                  Bỏ
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
      </fieldset>
      {missing ? <p class="hint">Điền đủ các mục bắt buộc để trình hồ sơ.</p> : null}
      <Button type="submit" busy={action.busy} busyLabel="Đang trình…" disabled={missing}>
        Trình hồ sơ
      </Button>
      <ActionStatus action={action} />
    </form>
  );
}
