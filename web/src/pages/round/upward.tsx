import { useState } from 'preact/hooks';
import { recordCentralDecision, resendUpward, returnUpward, submitUpward } from '../../api/endpoints';
import { ActionStatus, Badge, Button, Checkbox, DateField, Empty, Radio, Section, TextField } from '../../components/ui';
import { formatDate, parseDateInput, todayVn } from '../../lib/format';
import { useAction } from '../../lib/hooks';
import {
  itemLabel,
  originOf,
  SUBMISSION_STATUS_LABELS,
  type Round,
  type RoundItem,
  type UpwardSubmission,
} from '../../lib/round';
import type { RoundProps } from './round-page';

/** Submissions to the central level (Cờ thi đua của Chính phủ): sent, returned for supplement, resent, decided. */
export function UpwardTab({ round, blocNames, acting, onChanged }: RoundProps) {
  const head = round.status === 'OPEN' && acting.role === 'BOARD_HEAD';
  const sent = round.submissions.flatMap((s) => s.itemIds);
  const toSend = round.items.filter((i) => i.status === 'FORWARDED' && !sent.includes(i.id));
  return (
    <>
      {head && toSend.length > 0 ? <SubmitForm round={round} items={toSend} onChanged={onChanged} /> : null}
      {!head && toSend.length > 0 ? (
        <Section title="Đề nghị chờ trình Trung ương">
          <ul>
            {toSend.map((i) => (
              <li key={i.id}>{itemLabel(i)}</li>
            ))}
          </ul>
        </Section>
      ) : null}
      {round.submissions.length === 0 ? <Empty>Chưa có tờ trình nào gửi Trung ương.</Empty> : null}
      {round.submissions.map((s) => (
        <SubmissionCard key={s.id} round={round} submission={s} blocNames={blocNames} head={head} onChanged={onChanged} />
      ))}
    </>
  );
}

function SubmitForm({ round, items, onChanged }: { round: Round; items: RoundItem[]; onChanged: () => unknown }) {
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(formatDate(todayVn()));
  const [sentOn, setSentOn] = useState(formatDate(todayVn()));
  const [chosen, setChosen] = useState<string[]>(items.map((i) => i.id));
  const day = parseDateInput(date);
  const sent = parseDateInput(sentOn);
  const action = useAction(
    () =>
      submitUpward(round.roundId, {
        toTrinh: { number: number.trim(), date: day ?? '' },
        sentOn: sent ?? '',
        itemIds: chosen,
      }),
    { success: 'Đã gửi tờ trình lên Trung ương.', after: onChanged },
  );
  return (
    <Section title="Gửi tờ trình đề nghị Trung ương khen thưởng">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run();
        }}
      >
        <div class="grid-3">
          <TextField label="Số tờ trình" value={number} onValue={setNumber} required placeholder="45/TTr-UBND" />
          <DateField label="Ngày tờ trình" value={date} onValue={setDate} required />
          <DateField label="Ngày gửi" value={sentOn} onValue={setSentOn} required />
        </div>
        {items.map((i) => (
          <Checkbox
            key={i.id}
            label={itemLabel(i)}
            checked={chosen.includes(i.id)}
            onChange={(on) => setChosen((all) => (on ? [...all, i.id] : all.filter((x) => x !== i.id)))}
          />
        ))}
        <Button type="submit" busy={action.busy} disabled={!number.trim() || !day || !sent || chosen.length === 0}>
          Gửi tờ trình
        </Button>
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}

function SubmissionCard({
  round,
  submission: s,
  blocNames,
  head,
  onChanged,
}: {
  round: Round;
  submission: UpwardSubmission;
  blocNames: Map<string, string>;
  head: boolean;
  onChanged: () => unknown;
}) {
  const items = s.itemIds.map((id) => round.items.find((i) => i.id === id)).filter((i): i is RoundItem => !!i);
  return (
    <Section title={`Tờ trình số ${s.toTrinh.number} ngày ${formatDate(s.toTrinh.date)}`}>
      <p>
        <Badge tone={s.status === 'DECIDED' ? 'ok' : s.status === 'RETURNED' ? 'warn' : 'info'}>
          {SUBMISSION_STATUS_LABELS[s.status]}
        </Badge>
      </p>
      <ul>
        {items.map((i) => (
          <li key={i.id}>
            {itemLabel(i)} ({originOf(i, blocNames)})
            {i.central
              ? ` – ${i.central.approve ? 'được khen thưởng' : 'không được khen thưởng'} theo Quyết định ${i.central.number} ngày ${formatDate(i.central.date)}${i.central.reason ? `: ${i.central.reason}` : ''}`
              : ''}
          </li>
        ))}
      </ul>
      <h3>Quá trình gửi</h3>
      <ol>
        {[
          ...s.sends.map((x, n) => ({
            on: x.sentOn,
            text: n === 0 ? `Gửi tờ trình số ${x.toTrinh.number}` : `Gửi lại hồ sơ đã bổ sung (tờ trình số ${x.toTrinh.number})`,
          })),
          ...s.returns.map((r) => ({ on: r.returnedOn, text: `Trung ương trả lại để bổ sung: ${r.reason}` })),
        ]
          .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
          .map((x, n) => (
            <li key={n}>
              {formatDate(x.on)}: {x.text}
            </li>
          ))}
      </ol>
      {head && s.status === 'SENT' ? (
        <>
          <ReturnForm round={round} submission={s} onChanged={onChanged} />
          <CentralDecisionForm round={round} submission={s} items={items} onChanged={onChanged} />
        </>
      ) : null}
      {head && s.status === 'RETURNED' ? <ResendForm round={round} submission={s} onChanged={onChanged} /> : null}
    </Section>
  );
}

function ReturnForm({ round, submission, onChanged }: { round: Round; submission: UpwardSubmission; onChanged: () => unknown }) {
  const [reason, setReason] = useState('');
  const [on, setOn] = useState(formatDate(todayVn()));
  const day = parseDateInput(on);
  const action = useAction(() => returnUpward(round.roundId, submission.id, { reason: reason.trim(), returnedOn: day ?? '' }), {
    success: 'Đã ghi nhận Trung ương trả lại hồ sơ.',
    after: onChanged,
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void action.run();
      }}
    >
      <h3>Trung ương trả lại để bổ sung</h3>
      <div class="grid-2">
        <TextField label="Nội dung cần bổ sung" value={reason} onValue={setReason} required />
        <DateField label="Ngày trả lại" value={on} onValue={setOn} required />
      </div>
      <Button type="submit" kind="secondary" busy={action.busy} disabled={!day}>
        Ghi nhận trả lại
      </Button>
      <ActionStatus action={action} />
    </form>
  );
}

function ResendForm({ round, submission, onChanged }: { round: Round; submission: UpwardSubmission; onChanged: () => unknown }) {
  const [on, setOn] = useState(formatDate(todayVn()));
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const day = parseDateInput(on);
  const toTrinhDay = parseDateInput(date);
  const action = useAction(
    () =>
      resendUpward(round.roundId, submission.id, {
        sentOn: day ?? '',
        ...(number.trim() && toTrinhDay ? { toTrinh: { number: number.trim(), date: toTrinhDay } } : {}),
      }),
    { success: 'Đã gửi lại hồ sơ đã bổ sung.', after: onChanged },
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void action.run();
      }}
    >
      <h3>Gửi lại hồ sơ đã bổ sung</h3>
      <div class="grid-3">
        <DateField label="Ngày gửi lại" value={on} onValue={setOn} required />
        <TextField label="Số tờ trình mới (nếu có)" value={number} onValue={setNumber} />
        <DateField label="Ngày tờ trình mới" value={date} onValue={setDate} />
      </div>
      <Button type="submit" busy={action.busy} disabled={!day}>
        Gửi lại
      </Button>
      <ActionStatus action={action} />
    </form>
  );
}

type Choice = { approve: boolean; reason: string };

function CentralDecisionForm({
  round,
  submission,
  items,
  onChanged,
}: {
  round: Round;
  submission: UpwardSubmission;
  items: RoundItem[];
  onChanged: () => unknown;
}) {
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(formatDate(todayVn()));
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const day = parseDateInput(date);
  const choice = (id: string): Choice => choices[id] ?? { approve: true, reason: '' };
  const set = (id: string, patch: Partial<Choice>) => setChoices((all) => ({ ...all, [id]: { ...choice(id), ...patch } }));
  const action = useAction(
    () =>
      recordCentralDecision(round.roundId, submission.id, {
        number: number.trim(),
        date: day ?? '',
        items: items.map((i) => ({
          itemId: i.id,
          approve: choice(i.id).approve,
          ...(choice(i.id).reason.trim() ? { reason: choice(i.id).reason.trim() } : {}),
        })),
      }),
    { success: 'Đã ghi nhận quyết định của Trung ương.', after: onChanged },
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void action.run();
      }}
    >
      <h3>Quyết định của Trung ương</h3>
      <div class="grid-2">
        <TextField label="Số quyết định của Trung ương" value={number} onValue={setNumber} required placeholder="300/QĐ-TTg" />
        <DateField label="Ngày quyết định của Trung ương" value={date} onValue={setDate} required />
      </div>
      {items.map((i) => (
        <fieldset key={i.id}>
          <legend>{itemLabel(i)}</legend>
          <Radio
            name={`central-${submission.id}-${i.id}`}
            value="yes"
            label="Được khen thưởng"
            checked={choice(i.id).approve}
            onSelect={() => set(i.id, { approve: true })}
          />
          <Radio
            name={`central-${submission.id}-${i.id}`}
            value="no"
            label="Không được khen thưởng"
            checked={!choice(i.id).approve}
            onSelect={() => set(i.id, { approve: false })}
          />
          {!choice(i.id).approve ? (
            <TextField label="Lý do" value={choice(i.id).reason} onValue={(v) => set(i.id, { reason: v })} required />
          ) : null}
        </fieldset>
      ))}
      <Button type="submit" busy={action.busy} disabled={!number.trim() || !day}>
        Ghi nhận quyết định
      </Button>
      <ActionStatus action={action} />
    </form>
  );
}
