import { useState } from 'preact/hooks';
import { submitDossier } from '../../api/endpoints';
import type { CycleView } from '../../api/types';
import { DossierView, EligibilityList, NomineesTable } from '../../components/dossier-view';
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
  const [reports, setReports] = useState(() =>
    units.map((u) => {
      const before = previous?.achievementReports.find((r) => r.unitCode === u);
      return {
        unitCode: u,
        title: before?.title ?? `Báo cáo thành tích năm ${cycle.year} của ${unitName(cycle, u)}`,
        documentRef: before?.documentRef ?? '',
      };
    }),
  );
  const day = parseDateInput(date);
  const missing = !number.trim() || !day || !documentRef.trim() || reports.some((r) => !r.title.trim() || !r.documentRef.trim());
  const action = useAction(
    () =>
      submitDossier(cycle.cycleId, {
        toTrinh: { number: number.trim(), date: day ?? '', documentRef: documentRef.trim() },
        achievementReports: reports.map((r) => ({
          unitCode: r.unitCode,
          title: r.title.trim(),
          documentRef: r.documentRef.trim(),
        })),
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
        </fieldset>
      ))}
      {missing ? <p class="hint">Điền đủ các mục bắt buộc để trình hồ sơ.</p> : null}
      <Button type="submit" busy={action.busy} busyLabel="Đang trình…" disabled={missing}>
        Trình hồ sơ
      </Button>
      <ActionStatus action={action} />
    </form>
  );
}
