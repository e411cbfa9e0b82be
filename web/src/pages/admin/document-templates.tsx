import { useId, useState } from 'preact/hooks';
import { downloadTemplate, listTemplates, uploadTemplate, type TemplateVersion } from '../../api/document-templates';
import { listBlocs } from '../../api/endpoints';
import { ActionStatus, Button, ErrorAlert, Loading, SelectField, TableWrap } from '../../components/ui';
import { formatDate, formatDateTime } from '../../lib/format';
import { useAction, useResource } from '../../lib/hooks';

/** The kinds a province keeps a template of, as the server names them (src/documents/document-kinds.ts). */
const KINDS: { kind: string; title: string }[] = [
  { kind: 'giao-uoc', title: 'Bản giao ước thi đua' },
  { kind: 'bien-ban-hoi-nghi', title: 'Biên bản hội nghị bình xét thi đua' },
  { kind: 'bien-ban-kiem-phieu', title: 'Biên bản kiểm phiếu' },
  { kind: 'to-trinh', title: 'Tờ trình đề nghị khen thưởng của khối' },
  { kind: 'bao-cao-thanh-tich', title: 'Báo cáo thành tích của tập thể' },
  { kind: 'quyet-dinh', title: 'Quyết định khen thưởng của Chủ tịch UBND tỉnh' },
  { kind: 'to-trinh-de-nghi-khen-thuong', title: 'Tờ trình đề nghị Chủ tịch UBND tỉnh khen thưởng (Sở Nội vụ)' },
  { kind: 'bien-ban-hop-hoi-dong', title: 'Biên bản họp Hội đồng Thi đua - Khen thưởng tỉnh' },
  { kind: 'quyet-dinh-khen-thuong', title: 'Quyết định khen thưởng của Chủ tịch UBND tỉnh (đợt xét của tỉnh)' },
  { kind: 'to-trinh-co-thi-dua-chinh-phu', title: 'Tờ trình đề nghị tặng Cờ thi đua của Chính phủ' },
];

/**
 * The province's document templates: download the one in force (the province's newest, or the built-in one), edit
 * its wording in Word or LibreOffice keeping the {placeholders}, upload it as a new version in force from today. The
 * server checks the file whole and refuses it naming each unknown, unbalanced or missing placeholder; nothing is kept.
 */
export function DocumentTemplatesPanel({ canEdit = false }: { canEdit?: boolean }) {
  const blocs = useResource(() => listBlocs(), []);
  const provinces = [...new Set((blocs.data ?? []).map((b) => b.provinceCode))];
  const [province, setProvince] = useState('');
  const shown = province || provinces[0] || '';
  const versions = useResource(() => (shown ? listTemplates(shown) : Promise.resolve([])), [shown]);
  if (!blocs.data) return blocs.loading ? <Loading /> : <ErrorAlert error={blocs.error} />;
  const newest = (kind: string): TemplateVersion | undefined => (versions.data ?? []).find((v) => v.kind === kind);
  return (
    <>
      {provinces.length > 1 ? (
        <SelectField label="Tỉnh" value={shown} onValue={setProvince} options={provinces.map((p) => ({ value: p, label: p }))} />
      ) : null}
      <p class="hint">
        Sửa câu chữ của mẫu bằng Word hoặc LibreOffice, giữ nguyên các trường trộn trong dấu ngoặc nhọn (ví dụ {'{number}'}). Mẫu
        tải lên có hiệu lực từ hôm nay cho các văn bản tạo sau đó.
      </p>
      {versions.error ? <ErrorAlert error={versions.error} /> : null}
      <TableWrap label="Mẫu văn bản của tỉnh">
        <table>
          <thead>
            <tr>
              <th scope="col">Văn bản</th>
              <th scope="col">Mẫu đang dùng</th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {KINDS.map(({ kind, title }) => (
              <TemplateRow
                key={`${shown}/${kind}`}
                provinceCode={shown}
                kind={kind}
                title={title}
                current={newest(kind)}
                canEdit={canEdit}
                onUploaded={versions.reload}
              />
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

function TemplateRow(props: {
  provinceCode: string;
  kind: string;
  title: string;
  current?: TemplateVersion;
  canEdit: boolean;
  onUploaded: () => unknown;
}) {
  const { provinceCode, kind, title, current } = props;
  const id = useId();
  const get = useAction(() => downloadTemplate(provinceCode, kind));
  const put = useAction(
    async (file: File) => {
      await uploadTemplate(provinceCode, kind, file);
    },
    { success: 'Đã lưu phiên bản mới của mẫu.', after: props.onUploaded },
  );
  return (
    <tr data-template={kind}>
      <th scope="row">{title}</th>
      <td>
        {current ? (
          <>
            Phiên bản {current.version} ({current.fileName}), hiệu lực từ {formatDate(current.effectiveFrom)}; tải lên{' '}
            {formatDateTime(current.createdAt)} bởi {current.uploadedBy}
          </>
        ) : (
          'Mẫu mặc định của hệ thống'
        )}
      </td>
      <td>
        <Button kind="secondary" busy={get.busy} onClick={() => void get.run()}>
          Tải mẫu
        </Button>
        {props.canEdit ? (
          <div class="field file-field">
            <label for={id}>Tải lên mẫu đã sửa (.docx)</label>
            <input
              id={id}
              type="file"
              accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              disabled={put.busy}
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (file) void put.run(file);
                e.currentTarget.value = '';
              }}
            />
          </div>
        ) : null}
        <ActionStatus action={get} />
        <ActionStatus action={put} />
      </td>
    </tr>
  );
}
