import { useState } from 'preact/hooks';
import { appraiseRoundItems, listOrgUnits, proposeDirect, reviewRoundList } from '../../api/endpoints';
import type { AwardType } from '../../api/types';
import { ReasonForm } from '../../components/reason-form';
import { ActionStatus, Button, Radio, Section, SelectField, TextField } from '../../components/ui';
import { formatDate, formatDateTime } from '../../lib/format';
import { useAction, useResource } from '../../lib/hooks';
import { AWARD_LABELS, AWARDS } from '../../lib/labels';
import { itemLabel, type Round, type RoundItem } from '../../lib/round';
import { groupByOrigin, ItemsByOrigin } from './items';
import type { RoundProps } from './round-page';

/** The board: the items grouped by bloc and award; the specialist's appraisal and direct proposals; the head's review. */
export function AppraisalTab({ round, blocNames, acting, onChanged }: RoundProps) {
  const inAppraisal = round.items.filter((i) => i.status === 'IN_APPRAISAL');
  const open = round.status === 'OPEN';
  return (
    <>
      <Section title="Các đề nghị trong đợt xét">
        <ItemsByOrigin items={round.items} blocNames={blocNames} />
      </Section>
      <ListReturns round={round} />
      {open && acting.role === 'BOARD_SPECIALIST' && inAppraisal.length > 0 ? (
        <AppraiseForm items={inAppraisal} round={round} blocNames={blocNames} onChanged={onChanged} />
      ) : null}
      {open && acting.role === 'BOARD_HEAD' && inAppraisal.length > 0 ? (
        <ReviewList round={round} items={inAppraisal} onChanged={onChanged} />
      ) : null}
      {open && (acting.role === 'BOARD_SPECIALIST' || acting.role === 'BOARD_HEAD') ? (
        <DirectForm round={round} onChanged={onChanged} />
      ) : null}
    </>
  );
}

function ListReturns({ round }: { round: Round }) {
  const { returns, approvals } = round.appraisal;
  if (returns.length === 0 && approvals.length === 0) return null;
  return (
    <Section title="Duyệt danh sách thẩm định">
      <ul>
        {approvals.map((a, i) => (
          <li key={`a${i}`}>
            Ngày {formatDate(a.on)}: Trưởng phòng duyệt danh sách {a.itemIds.length} đề nghị.
          </li>
        ))}
        {returns.map((r, i) => (
          <li key={`r${i}`}>
            {formatDateTime(r.at)}: Trưởng phòng trả lại danh sách – {r.reason}
          </li>
        ))}
      </ul>
      {round.appraisal.status === 'RETURNED' ? <p class="alert alert-warn">Danh sách đang bị trả lại để thẩm định lại.</p> : null}
    </Section>
  );
}

type Opinion = { recommend: boolean; note: string };

/** The specialist's opinion on each item in appraisal; a note stays with the item (required when not recommended). */
function AppraiseForm({
  round,
  items,
  blocNames,
  onChanged,
}: {
  round: Round;
  items: RoundItem[];
  blocNames: Map<string, string>;
  onChanged: () => unknown;
}) {
  const [opinions, setOpinions] = useState<Record<string, Opinion>>(() =>
    Object.fromEntries(items.map((i) => [i.id, { recommend: i.appraisal?.recommend ?? true, note: i.appraisal?.note ?? '' }])),
  );
  const opinion = (id: string): Opinion => opinions[id] ?? { recommend: true, note: '' };
  const set = (id: string, patch: Partial<Opinion>) => setOpinions((all) => ({ ...all, [id]: { ...opinion(id), ...patch } }));
  const action = useAction(
    () =>
      appraiseRoundItems(round.roundId, {
        opinions: items.map((i) => ({
          itemId: i.id,
          recommend: opinion(i.id).recommend,
          ...(opinion(i.id).note.trim() ? { note: opinion(i.id).note.trim() } : {}),
        })),
      }),
    { success: 'Đã lưu ý kiến thẩm định; danh sách chờ Trưởng phòng duyệt.', after: onChanged },
  );
  return (
    <Section title="Thẩm định các đề nghị">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run();
        }}
      >
        {groupByOrigin(items, blocNames).map((group) => (
          <div key={group.origin}>
            <h3>{group.origin}</h3>
            {group.items.map((item) => (
              <fieldset key={item.id}>
                <legend>{itemLabel(item)}</legend>
                <Radio
                  name={`rec-${item.id}`}
                  value="yes"
                  label="Đề xuất khen thưởng"
                  checked={opinion(item.id).recommend}
                  onSelect={() => set(item.id, { recommend: true })}
                />
                <Radio
                  name={`rec-${item.id}`}
                  value="no"
                  label="Không đề xuất"
                  checked={!opinion(item.id).recommend}
                  onSelect={() => set(item.id, { recommend: false })}
                />
                <TextField
                  label="Ý kiến thẩm định"
                  value={opinion(item.id).note}
                  onValue={(v) => set(item.id, { note: v })}
                  hint={opinion(item.id).recommend ? undefined : 'Nêu lý do không đề xuất.'}
                />
              </fieldset>
            ))}
          </div>
        ))}
        <Button type="submit" busy={action.busy}>
          Lưu ý kiến thẩm định
        </Button>
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}

/** The head of the board approves the appraised list (items go to the council or to the chairman) or returns it. */
function ReviewList({ round, items, onChanged }: { round: Round; items: RoundItem[]; onChanged: () => unknown }) {
  const [returning, setReturning] = useState(false);
  const action = useAction(
    (decision: 'APPROVE' | 'RETURN', reason?: string) =>
      reviewRoundList(round.roundId, { decision, ...(reason ? { reason } : {}) }),
    { success: 'Đã ghi ý kiến của Trưởng phòng.', after: onChanged },
  );
  const appraised = items.filter((i) => i.appraisal).length;
  return (
    <Section title="Trưởng phòng duyệt danh sách thẩm định">
      <p>
        Đã thẩm định {appraised}/{items.length} đề nghị
        {items.filter((i) => i.appraisal && !i.appraisal.recommend).length > 0
          ? `; không đề xuất ${items.filter((i) => i.appraisal && !i.appraisal.recommend).length} đề nghị`
          : ''}
        .
      </p>
      {returning ? (
        <ReasonForm
          label="Lý do trả lại danh sách"
          confirmLabel="Xác nhận trả lại"
          busy={action.busy}
          onCancel={() => setReturning(false)}
          onSubmit={(reason) => void action.run('RETURN', reason).then((ok) => ok && setReturning(false))}
        />
      ) : (
        <div class="actions">
          <Button busy={action.busy} onClick={() => void action.run('APPROVE')}>
            Duyệt danh sách
          </Button>
          <Button kind="secondary" disabled={action.busy} onClick={() => setReturning(true)}>
            Trả lại danh sách
          </Button>
        </div>
      )}
      <ActionStatus action={action} />
    </Section>
  );
}

/** A proposal of an agency outside any bloc, entered by the board. */
function DirectForm({ round, onChanged }: { round: Round; onChanged: () => unknown }) {
  const units = useResource(() => listOrgUnits(round.provinceCode), [round.provinceCode]);
  const [proposer, setProposer] = useState('');
  const [unitCode, setUnitCode] = useState('');
  const [award, setAward] = useState<AwardType>('BANG_KHEN_CHU_TICH');
  const [note, setNote] = useState('');
  const action = useAction(
    () =>
      proposeDirect(round.roundId, {
        proposer: proposer.trim(),
        unitCode,
        award,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    {
      success: 'Đã thêm đề nghị trực tiếp vào đợt xét.',
      after: () => {
        setProposer('');
        setUnitCode('');
        setNote('');
        return onChanged();
      },
    },
  );
  const options = [
    { value: '', label: '— Chọn đơn vị —' },
    ...[...(units.data?.items ?? [])]
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
      .map((u) => ({ value: u.code, label: u.name })),
  ];
  return (
    <Section title="Thêm đề nghị trực tiếp">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run();
        }}
      >
        <div class="grid-2">
          <TextField label="Cơ quan đề nghị" value={proposer} onValue={setProposer} required placeholder="Sở Tài chính" />
          <SelectField label="Đơn vị được đề nghị" value={unitCode} onValue={setUnitCode} options={options} required />
          <SelectField
            label="Hình thức khen thưởng"
            value={award}
            onValue={(v) => setAward(v as AwardType)}
            options={AWARDS.map((a) => ({ value: a, label: AWARD_LABELS[a] }))}
          />
          <TextField label="Ghi chú" value={note} onValue={setNote} />
        </div>
        <Button type="submit" busy={action.busy} disabled={!proposer.trim() || !unitCode}>
          Thêm đề nghị
        </Button>
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}
