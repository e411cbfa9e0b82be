import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../../api/client';
import {
  createRuleSet,
  getRuleSet,
  listBlocs,
  listRuleSets,
  updateRuleSet,
  type RuleSetBody,
  type StoredRuleSet,
} from '../../api/endpoints';
import type { AwardType, RuleSetView } from '../../api/types';
import {
  Badge,
  Button,
  DateField,
  Empty,
  ErrorAlert,
  Loading,
  Section,
  SelectField,
  Spinner,
  TableWrap,
  TextArea,
  TextField,
} from '../../components/ui';
import { formatDate, formatDateTime, parseDateInput, todayVn } from '../../lib/format';
import { useAction, useResource } from '../../lib/hooks';
import { AWARD_LABELS, AWARDS } from '../../lib/labels';
import { parseProblems } from '../../lib/problems';

type Editing = { mode: 'edit' | 'copy'; version: string };

/** The province's rule sets: legal basis, period in force, the values that matter most; the admin edits and adds. */
export function RuleSetsPanel({ canEdit = false }: { canEdit?: boolean }) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState('');
  const blocs = useResource(() => listBlocs(), []);
  const provinces = [...new Set((blocs.data ?? []).map((b) => b.provinceCode))];
  const [province, setProvince] = useState('');
  const shown = province || provinces[0] || '';
  const sets = useResource(() => (shown ? listRuleSets(shown) : Promise.resolve([])), [shown]);
  if (!blocs.data) return blocs.loading ? <Loading /> : <ErrorAlert error={blocs.error} />;
  return (
    <>
      {provinces.length > 1 ? (
        <SelectField label="Tỉnh" value={shown} onValue={setProvince} options={provinces.map((p) => ({ value: p, label: p }))} />
      ) : null}
      <div aria-live="polite">{notice ? <p class="alert alert-ok">{notice}</p> : null}</div>
      {editing && shown ? (
        <RuleSetEditor
          key={`${editing.mode}-${editing.version}`}
          provinceCode={shown}
          editing={editing}
          onCancel={() => setEditing(null)}
          onSaved={async (message) => {
            setNotice(message);
            setEditing(null);
            await sets.reload();
          }}
        />
      ) : null}
      {!sets.data ? sets.loading ? <Loading /> : <ErrorAlert error={sets.error} /> : null}
      {sets.data?.length === 0 ? <Empty>Tỉnh chưa có bộ quy tắc nào.</Empty> : null}
      {sets.data?.map((set) => (
        <RuleSetCard
          key={set.version}
          set={set}
          onEdit={
            canEdit
              ? (mode) => {
                  setNotice('');
                  setEditing({ mode, version: set.version });
                }
              : undefined
          }
        />
      ))}
    </>
  );
}

function RuleSetCard({ set, onEdit }: { set: RuleSetView; onEdit?: (mode: 'edit' | 'copy') => void }) {
  const today = todayVn();
  const inForce = set.validFrom <= today && (set.validTo === null || today <= set.validTo);
  const awards = set.rules.awards ?? {};
  return (
    <Section title={`Bộ quy tắc ${set.version}`}>
      <p>
        Hiệu lực từ {formatDate(set.validFrom)} {set.validTo ? `đến ${formatDate(set.validTo)}` : '(không thời hạn)'}{' '}
        {inForce ? <Badge tone="ok">Đang áp dụng</Badge> : null}
      </p>
      <h3>Căn cứ</h3>
      <ul>
        {set.legalBasis.map((b) => (
          <li key={b}>{b}</li>
        ))}
      </ul>
      <dl class="facts">
        {set.rules.receivingAgencyName ? (
          <>
            <dt>Cơ quan tiếp nhận hồ sơ</dt>
            <dd>{set.rules.receivingAgencyName}</dd>
          </>
        ) : null}
        {set.rules.conference?.quorumRatio !== undefined ? (
          <>
            <dt>Tỷ lệ tham dự tối thiểu của hội nghị</dt>
            <dd>{Math.round(set.rules.conference.quorumRatio * 100)}%</dd>
          </>
        ) : null}
        {set.rules.deadlines?.appraisalWorkingDays !== undefined ? (
          <>
            <dt>Thời hạn thẩm định</dt>
            <dd>{set.rules.deadlines.appraisalWorkingDays} ngày làm việc</dd>
          </>
        ) : null}
      </dl>
      <TableWrap label={`Hình thức khen thưởng theo ${set.version}`}>
        <table>
          <caption>Hình thức khen thưởng</caption>
          <thead>
            <tr>
              <th scope="col">Hình thức</th>
              <th scope="col">Tên tại tỉnh</th>
              <th scope="col" class="num">
                Ngưỡng phiếu
              </th>
              <th scope="col" class="num">
                Tối đa mỗi khối
              </th>
            </tr>
          </thead>
          <tbody>
            {AWARDS.filter((a: AwardType) => awards[a]).map((a) => {
              const rule = awards[a];
              return (
                <tr key={a}>
                  <th scope="row">{AWARD_LABELS[a]}</th>
                  <td>
                    {rule?.displayName} {rule?.enabled ? null : <Badge>Không áp dụng</Badge>}
                  </td>
                  <td class="num">{rule ? `${Math.round(rule.threshold * 100)}%` : ''}</td>
                  <td class="num">{rule?.maxPerBloc}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <p class="muted">
        Lần sửa thứ {set.revision}; cập nhật lần cuối {formatDateTime(set.updatedAt)} bởi {set.updatedBy}. Mỗi lần sửa nội dung là
        một lần sửa mới; quyết định ghi phiên bản kèm lần sửa (ví dụ {set.version}@2).
      </p>
      {onEdit ? (
        <div class="actions">
          <Button kind="secondary" aria-label={`Sửa bộ quy tắc ${set.version}`} onClick={() => onEdit('edit')}>
            Sửa bộ quy tắc
          </Button>
          <Button kind="secondary" aria-label={`Tạo bộ quy tắc mới từ ${set.version}`} onClick={() => onEdit('copy')}>
            Tạo bộ mới từ bộ này
          </Button>
        </div>
      ) : null}
    </Section>
  );
}

/** The editable part of the stored rule rules: rulesVersion and legalBasis are filled in by the server. */
function editableRules(stored: StoredRuleSet): Record<string, unknown> {
  const { rulesVersion: _rv, legalBasis: _lb, ...rules } = stored.rules;
  return rules;
}

const VERSION = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Edits a rule set (PUT, same version) or adds a new one copied from it (POST, new version): the period in force,
 * the legal basis (one per line) and the rules as JSON. The server validates the whole set; each problem it names
 * is listed under the form.
 */
function RuleSetEditor({
  provinceCode,
  editing,
  onCancel,
  onSaved,
}: {
  provinceCode: string;
  editing: Editing;
  onCancel: () => void;
  onSaved: (message: string) => unknown;
}) {
  const stored = useResource(() => getRuleSet(provinceCode, editing.version), [provinceCode, editing.version]);
  const title =
    editing.mode === 'edit' ? `Sửa bộ quy tắc ${editing.version}` : `Tạo bộ quy tắc mới (sao chép từ ${editing.version})`;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="card" aria-labelledby="rule-set-editor-title">
      <h2 id="rule-set-editor-title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {!stored.data ? (
        stored.loading ? (
          <Loading label="Đang tải bộ quy tắc…" />
        ) : (
          <ErrorAlert error={stored.error} />
        )
      ) : (
        <RuleSetForm provinceCode={provinceCode} editing={editing} stored={stored.data} onCancel={onCancel} onSaved={onSaved} />
      )}
    </section>
  );
}

function RuleSetForm({
  provinceCode,
  editing,
  stored,
  onCancel,
  onSaved,
}: {
  provinceCode: string;
  editing: Editing;
  stored: StoredRuleSet;
  onCancel: () => void;
  onSaved: (message: string) => unknown;
}) {
  const creating = editing.mode === 'copy';
  const [version, setVersion] = useState(creating ? '' : stored.version);
  const [validFrom, setValidFrom] = useState(creating ? '' : formatDate(stored.validFrom));
  const [validTo, setValidTo] = useState(creating ? '' : formatDate(stored.validTo));
  const [legalBasis, setLegalBasis] = useState(stored.legalBasis.join('\n'));
  const [rulesText, setRulesText] = useState(JSON.stringify(editableRules(stored), null, 2));
  const [touched, setTouched] = useState(false);

  let rules: Record<string, unknown> | null = null;
  let jsonError: string | null = null;
  try {
    const parsed: unknown = JSON.parse(rulesText);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) rules = parsed as Record<string, unknown>;
    else jsonError = 'Nội dung quy tắc phải là một đối tượng JSON ({ … }).';
  } catch (err) {
    jsonError = `JSON không hợp lệ: ${(err as Error).message}`;
  }
  const from = parseDateInput(validFrom);
  const to = validTo.trim() ? parseDateInput(validTo) : null;
  const bases = legalBasis
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const versionError = creating && touched && !VERSION.test(version.trim()) ? 'Từ 1 đến 64 ký tự: chữ, số, dấu . _ -' : null;
  const fromError = touched && !validFrom.trim() ? 'Nhập ngày bắt đầu hiệu lực.' : null;
  const basisError = touched && bases.length === 0 ? 'Nêu ít nhất một căn cứ pháp lý.' : null;
  const ready =
    rules !== null &&
    from !== null &&
    (validTo.trim() === '' || to !== null) &&
    bases.length > 0 &&
    (!creating || VERSION.test(version.trim()));

  const action = useAction(
    () => {
      // The body as the GET returned it, minus the audit fields (and the values the server fills in).
      const { createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, revision, ...rest } = stored;
      const body: RuleSetBody = { ...rest, legalBasis: bases, validFrom: from ?? '', validTo: to, rules: rules ?? {} };
      return creating
        ? createRuleSet(provinceCode, { ...body, version: version.trim() })
        : updateRuleSet(provinceCode, stored.version, { ...body, revision });
    },
    {
      after: () =>
        onSaved(
          creating
            ? `Đã tạo bộ quy tắc ${version.trim()}; các chu kỳ đang chạy của tỉnh đã nhận bộ mới.`
            : `Đã lưu bộ quy tắc ${stored.version}; các chu kỳ đang chạy của tỉnh đã nhận thay đổi.`,
        ),
    },
  );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (ready) void action.run();
      }}
    >
      <div class="grid-3">
        {creating ? (
          <TextField
            label="Phiên bản mới"
            value={version}
            onValue={setVersion}
            required
            error={versionError}
            hint="Duy nhất trong tỉnh, ví dụ BK-ND152-2025-SUA1."
            autoComplete="off"
          />
        ) : null}
        <DateField label="Hiệu lực từ ngày" value={validFrom} onValue={setValidFrom} required error={fromError} />
        <DateField
          label="Hiệu lực đến ngày"
          value={validTo}
          onValue={setValidTo}
          hint="Để trống nếu không thời hạn. Định dạng dd/mm/yyyy."
        />
      </div>
      <TextArea
        label="Căn cứ pháp lý (mỗi dòng một văn bản)"
        value={legalBasis}
        onValue={setLegalBasis}
        required
        rows={3}
        error={basisError}
      />
      <TextArea
        label="Nội dung quy tắc (JSON)"
        value={rulesText}
        onValue={setRulesText}
        rows={18}
        mono
        required
        error={jsonError}
        hint="Các giá trị của bộ quy tắc: hình thức khen thưởng, ngưỡng phiếu, hội nghị, thời hạn…"
      />
      <div class="actions">
        <Button type="submit" busy={action.busy} disabled={touched && !ready}>
          {creating ? 'Tạo bộ quy tắc' : 'Lưu bộ quy tắc'}
        </Button>
        <Button kind="secondary" onClick={onCancel} disabled={action.busy}>
          Hủy
        </Button>
      </div>
      <div class="action-status" aria-live="polite">
        {action.busy ? (
          <p class="progress-note">
            <Spinner /> Đang kiểm tra và lưu bộ quy tắc…
          </p>
        ) : null}
        {action.error ? <RuleSetRefusal error={action.error} /> : null}
      </div>
    </form>
  );
}

/** A refusal: the API's message, and for an invalid set each problem the server named, as a list. */
function RuleSetRefusal({ error }: { error: ApiError }) {
  const problems = error.code === 'RULE_SET_INVALID' ? parseProblems(error.detail) : [];
  if (problems.length === 0) return <ErrorAlert error={error} />;
  return (
    <div class="alert alert-error" role="alert">
      <p class="alert-message">{error.message}</p>
      <ul class="problems" aria-label="Các lỗi cần sửa">
        {problems.map((p, i) => (
          <li key={i}>
            {p.field ? (
              <>
                <code>{p.field}</code>:{' '}
              </>
            ) : null}
            {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
