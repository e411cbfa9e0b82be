import { useState } from 'preact/hooks';
import { decideRound } from '../../api/endpoints';
import { ActionStatus, Button, Checkbox, DateField, Empty, Radio, Section, TableWrap, TextField } from '../../components/ui';
import { formatDate, parseDateInput, todayVn } from '../../lib/format';
import { useAction } from '../../lib/hooks';
import { awardName, itemLabel, originOf, type Round, type RoundDecision, type RoundItem } from '../../lib/round';
import { groupByOrigin } from './items';
import type { RoundProps } from './round-page';

/** The chairman's numbered decisions, each with its annex of awardees across the blocs and the direct proposals. */
export function DecisionsTab({ round, blocNames, acting, onChanged }: RoundProps) {
  const awaiting = round.items.filter((i) => i.status === 'AWAITING_DECISION');
  return (
    <>
      {round.status === 'OPEN' && acting.role === 'CHAIRMAN' && awaiting.length > 0 ? (
        <DecisionForm round={round} items={awaiting} blocNames={blocNames} onChanged={onChanged} />
      ) : null}
      {acting.role !== 'CHAIRMAN' && awaiting.length > 0 ? (
        <Section title="Đề nghị chờ Chủ tịch UBND tỉnh quyết định">
          <ul>
            {awaiting.map((i) => (
              <li key={i.id}>
                {itemLabel(i)} ({originOf(i, blocNames)})
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {round.decisions.length === 0 ? <Empty>Chưa có quyết định khen thưởng nào trong đợt xét.</Empty> : null}
      {[...round.decisions].reverse().map((d) => (
        <DecisionCard key={d.number} round={round} decision={d} blocNames={blocNames} />
      ))}
    </>
  );
}

function DecisionCard({ round, decision, blocNames }: { round: Round; decision: RoundDecision; blocNames: Map<string, string> }) {
  const items = decision.itemIds.map((id) => round.items.find((i) => i.id === id)).filter((i): i is RoundItem => !!i);
  const awarded = items.filter((i) => i.decision?.approve);
  const refused = items.filter((i) => i.decision && !i.decision.approve);
  return (
    <Section title={`Quyết định số ${decision.number} ngày ${formatDate(decision.date)}`}>
      <p>
        Khen thưởng {decision.approved} đề nghị, không khen thưởng {decision.rejected} đề nghị.
      </p>
      <TableWrap label={`Phụ lục Quyết định số ${decision.number}`}>
        <table class="decision-annex">
          <caption>Phụ lục: danh sách được khen thưởng</caption>
          <thead>
            <tr>
              <th scope="col">STT</th>
              <th scope="col">Đơn vị</th>
              <th scope="col">Hình thức khen thưởng</th>
              <th scope="col">Khối / cơ quan đề nghị</th>
              <th scope="col">Ghi chú</th>
            </tr>
          </thead>
          <tbody>
            {awarded.map((item, n) => (
              <tr key={item.id}>
                <td>{n + 1}</td>
                <th scope="row">{item.unitName ?? item.unitCode}</th>
                <td>{awardName(item)}</td>
                <td>{originOf(item, blocNames)}</td>
                <td>
                  {item.status === 'FORWARDED'
                    ? 'Trình Thủ tướng Chính phủ'
                    : item.central
                      ? `Quyết định ${item.central.number} ngày ${formatDate(item.central.date)}`
                      : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {refused.length > 0 ? (
        <>
          <h3>Không khen thưởng</h3>
          <ul>
            {refused.map((item) => (
              <li key={item.id}>
                {itemLabel(item)}: {item.decision?.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}

type Choice = { approve: boolean | null; reason: string };

/** The chairman chooses for each item (nothing preselected), then confirms the decision's number, date and counts. */
function DecisionForm({
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
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(formatDate(todayVn()));
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [confirming, setConfirming] = useState(false);
  const [override, setOverride] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const [overrideRef, setOverrideRef] = useState('');
  const day = parseDateInput(date);
  const choice = (id: string): Choice => choices[id] ?? { approve: null, reason: '' };
  const chosen = items.filter((i) => choice(i.id).approve !== null);
  const approved = chosen.filter((i) => choice(i.id).approve === true);
  const refused = chosen.filter((i) => choice(i.id).approve === false);
  const invalid = !number.trim() || !day || chosen.length === 0;
  const set = (id: string, patch: Partial<Choice>) => {
    setConfirming(false);
    setChoices((all) => ({ ...all, [id]: { ...choice(id), ...patch } }));
  };
  const action = useAction(
    () =>
      decideRound(round.roundId, {
        decisionNumber: number.trim(),
        decisionDate: day ?? '',
        items: chosen.map((i) => ({
          itemId: i.id,
          approve: choice(i.id).approve === true,
          ...(choice(i.id).approve === false && choice(i.id).reason.trim() ? { reason: choice(i.id).reason.trim() } : {}),
        })),
        ...(override ? { quotaOverride: { reason: overrideReason.trim(), documentRef: overrideRef.trim() } } : {}),
      }),
    {
      success: 'Đã ban hành quyết định khen thưởng.',
      after: () => {
        setConfirming(false);
        setChoices({});
        setNumber('');
        return onChanged();
      },
    },
  );
  return (
    <Section title="Ban hành quyết định khen thưởng">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid) setConfirming(true);
        }}
      >
        <div class="grid-2">
          <TextField
            label="Số quyết định"
            value={number}
            onValue={(v) => {
              setConfirming(false);
              setNumber(v);
            }}
            required
            placeholder="125/QĐ-UBND"
          />
          <DateField
            label="Ngày quyết định"
            value={date}
            onValue={(v) => {
              setConfirming(false);
              setDate(v);
            }}
            required
          />
        </div>
        <p class="hint">
          Một quyết định có thể gồm các đề nghị của nhiều khối và đề nghị trực tiếp; đề nghị chưa chọn để lại quyết định sau.
        </p>
        {groupByOrigin(items, blocNames).map((group) => (
          <div key={group.origin}>
            <h3>{group.origin}</h3>
            {group.items.map((item) => (
              <fieldset key={item.id}>
                <legend>{itemLabel(item)}</legend>
                <Radio
                  name={`dec-${item.id}`}
                  value="yes"
                  label="Khen thưởng"
                  checked={choice(item.id).approve === true}
                  onSelect={() => set(item.id, { approve: true })}
                />
                <Radio
                  name={`dec-${item.id}`}
                  value="no"
                  label="Không khen thưởng"
                  checked={choice(item.id).approve === false}
                  onSelect={() => set(item.id, { approve: false })}
                />
                {choice(item.id).approve === false ? (
                  <TextField
                    label="Lý do không khen thưởng"
                    value={choice(item.id).reason}
                    onValue={(v) => set(item.id, { reason: v })}
                    required
                  />
                ) : null}
              </fieldset>
            ))}
          </div>
        ))}
        {items.some((i) => i.award === 'CO_THI_DUA_CHINH_PHU') ? (
          <fieldset>
            <legend>Cờ thi đua của Chính phủ vượt tỷ lệ</legend>
            <Checkbox
              label="Đề nghị vượt tỷ lệ, có căn cứ"
              checked={override}
              onChange={(on) => {
                setConfirming(false);
                setOverride(on);
              }}
            />
            {override ? (
              <>
                <TextField label="Căn cứ đề nghị vượt tỷ lệ" value={overrideReason} onValue={setOverrideReason} required />
                <TextField label="Văn bản căn cứ" value={overrideRef} onValue={setOverrideRef} required />
              </>
            ) : null}
          </fieldset>
        ) : null}
        {confirming && !invalid ? (
          <div
            class="alert alert-warn"
            role="alertdialog"
            aria-labelledby="round-decision-confirm-title"
            id="round-decision-confirm"
          >
            <p id="round-decision-confirm-title">
              <strong>
                Ban hành Quyết định số {number.trim()} ngày {formatDate(day)}: khen thưởng {approved.length} đề nghị, không khen
                thưởng {refused.length} đề nghị.
              </strong>
            </p>
            <ul>
              {approved.map((i) => (
                <li key={i.id}>Khen thưởng: {itemLabel(i)}</li>
              ))}
              {refused.map((i) => (
                <li key={i.id}>
                  Không khen thưởng: {itemLabel(i)} – {choice(i.id).reason.trim()}
                </li>
              ))}
            </ul>
            <div class="actions">
              <Button busy={action.busy} busyLabel="Đang ban hành…" onClick={() => void action.run()}>
                Xác nhận ban hành
              </Button>
              <Button kind="secondary" disabled={action.busy} onClick={() => setConfirming(false)}>
                Quay lại sửa
              </Button>
            </div>
          </div>
        ) : (
          <Button type="submit" disabled={invalid}>
            Ban hành quyết định
          </Button>
        )}
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}
