import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { endRoundSession, listCouncilMembers, openRoundSession, recordRoundVotes } from '../../api/endpoints';
import { ReasonForm } from '../../components/reason-form';
import { ActionStatus, Badge, Button, DateField, Empty, Radio, Section, TableWrap, TextField } from '../../components/ui';
import { formatDate, parseDateInput, todayVn } from '../../lib/format';
import { useAction, useResource } from '../../lib/hooks';
import {
  awardName,
  COUNCIL_ROLE_LABELS,
  itemLabel,
  originOf,
  SESSION_STATUS_LABELS,
  sessionLabel,
  type CouncilSession,
  type Round,
  type RoundItem,
} from '../../lib/round';
import type { RoundProps } from './round-page';

/**
 * The provincial council: each session with its attendance (recorded once, when it opens), its quorum, the secretary's
 * tallies per item with the threshold each needed, and how it ended (closed, or adjourned with a reason).
 */
export function CouncilTab({ round, blocNames, acting, username, onChanged }: RoundProps) {
  const awaiting = round.items.filter((i) => i.status === 'AWAITING_COUNCIL');
  const openSession = round.sessions.find((s) => s.status === 'OPEN');
  const isOpen = round.status === 'OPEN';
  return (
    <>
      <Section title="Đề nghị chờ Hội đồng bỏ phiếu">
        {awaiting.length === 0 ? (
          <Empty>Không có đề nghị nào chờ Hội đồng.</Empty>
        ) : (
          <ul>
            {awaiting.map((i) => (
              <li key={i.id}>
                {itemLabel(i)} ({originOf(i, blocNames)})
              </li>
            ))}
          </ul>
        )}
      </Section>
      {isOpen && acting.role === 'BOARD_HEAD' && !openSession && awaiting.length > 0 ? (
        <OpenSessionForm round={round} onChanged={onChanged} />
      ) : null}
      {round.sessions.length === 0 ? <Empty>Chưa có phiên họp nào của Hội đồng.</Empty> : null}
      {[...round.sessions].reverse().map((s) => (
        <SessionCard key={s.id} round={round} session={s} blocNames={blocNames}>
          {isOpen && s.status === 'OPEN' && acting.role === 'COUNCIL_MEMBER' && awaiting.length > 0 ? (
            isSecretaryAt(s, username) ? (
              <VoteForm round={round} session={s} items={awaiting} onChanged={onChanged} />
            ) : (
              <p class="muted">Thư ký Hội đồng có mặt tại phiên họp ghi kết quả kiểm phiếu.</p>
            )
          ) : null}
          {isOpen && s.status === 'OPEN' && acting.role === 'BOARD_HEAD' ? (
            <EndSession round={round} session={s} onChanged={onChanged} />
          ) : null}
        </SessionCard>
      ))}
    </>
  );
}

/** Only the council's secretary, present at the session, enters its tallies (the server checks it again). */
const isSecretaryAt = (session: CouncilSession, username: string): boolean =>
  session.present.includes(username) && session.members.some((m) => m.memberId === username && m.councilRole === 'THU_KY');

type Presence = 'PRESENT' | 'WRITTEN_VOTE' | 'ABSENT';
const PRESENCE_LABELS: Record<Presence, string> = {
  PRESENT: 'Có mặt',
  WRITTEN_VOTE: 'Vắng mặt, có phiếu bằng văn bản',
  ABSENT: 'Vắng mặt',
};

function presenceOf(session: CouncilSession, memberId: string): Presence {
  if (session.present.includes(memberId)) return 'PRESENT';
  return session.writtenVotes.includes(memberId) ? 'WRITTEN_VOTE' : 'ABSENT';
}

/** The head of the board opens a session: its date and who attends, from the council's members in office that day. */
function OpenSessionForm({ round, onChanged }: { round: Round; onChanged: () => unknown }) {
  const [date, setDate] = useState(formatDate(todayVn()));
  const day = parseDateInput(date);
  const members = useResource(
    () => (day ? listCouncilMembers({ provinceCode: round.provinceCode, on: day }) : Promise.resolve([])),
    [round.provinceCode, day],
  );
  const [presence, setPresence] = useState<Record<string, Presence>>({});
  const idOf = (m: { userId?: string | null; id: string }) => m.userId ?? m.id;
  const of = (id: string): Presence => presence[id] ?? 'PRESENT';
  const action = useAction(
    () => {
      const list = members.data ?? [];
      return openRoundSession(round.roundId, {
        sessionDate: day ?? '',
        present: list.filter((m) => of(idOf(m)) === 'PRESENT').map(idOf),
        writtenVotes: list.filter((m) => of(idOf(m)) === 'WRITTEN_VOTE').map(idOf),
      });
    },
    { success: 'Đã khai mạc phiên họp và ghi thành phần dự họp.', after: onChanged },
  );
  return (
    <Section title="Khai mạc phiên họp Hội đồng">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (day) void action.run();
        }}
      >
        <DateField label="Ngày họp" value={date} onValue={setDate} required />
        <p class="hint">Thành phần dự họp được ghi một lần khi khai mạc, không sửa được sau đó.</p>
        {(members.data ?? []).length === 0 ? (
          <Empty>Hội đồng không có thành viên nào đương nhiệm vào ngày này.</Empty>
        ) : (
          (members.data ?? []).map((m) => (
            <fieldset key={m.id}>
              <legend>
                {m.name} – {COUNCIL_ROLE_LABELS[m.councilRole]}
                {m.title ? `, ${m.title}` : ''}
              </legend>
              {(Object.keys(PRESENCE_LABELS) as Presence[]).map((p) => (
                <Radio
                  key={p}
                  name={`presence-${m.id}`}
                  value={p}
                  label={PRESENCE_LABELS[p]}
                  checked={of(idOf(m)) === p}
                  onSelect={() => setPresence((all) => ({ ...all, [idOf(m)]: p }))}
                />
              ))}
            </fieldset>
          ))
        )}
        <Button type="submit" busy={action.busy} disabled={!day || (members.data ?? []).length === 0}>
          Khai mạc phiên họp
        </Button>
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}

function SessionCard({
  round,
  session,
  blocNames,
  children,
}: {
  round: Round;
  session: CouncilSession;
  blocNames: Map<string, string>;
  children?: ComponentChildren;
}) {
  const item = (id: string): RoundItem | undefined => round.items.find((i) => i.id === id);
  const { quorum } = session;
  return (
    <Section title={`${sessionLabel(session.id)} – ngày ${formatDate(session.sessionDate)}`}>
      <p>
        <Badge tone={session.status === 'ADJOURNED' ? 'warn' : session.status === 'OPEN' ? 'info' : 'ok'}>
          {SESSION_STATUS_LABELS[session.status]}
        </Badge>{' '}
        <span class="quorum">
          Có mặt {quorum.present}/{quorum.base} thành viên, cần tối thiểu {quorum.required}:{' '}
          {quorum.met ? 'đủ điều kiện họp' : 'không đủ điều kiện họp, chỉ có thể hoãn'}.
        </span>
      </p>
      {session.adjournReason ? <p>Lý do hoãn: {session.adjournReason}</p> : null}
      <TableWrap label={`Thành phần dự họp – ${sessionLabel(session.id)}`}>
        <table>
          <caption>Thành phần dự họp</caption>
          <thead>
            <tr>
              <th scope="col">Thành viên</th>
              <th scope="col">Chức danh trong Hội đồng</th>
              <th scope="col">Tham dự</th>
            </tr>
          </thead>
          <tbody>
            {session.members.map((m) => (
              <tr key={m.memberId}>
                <th scope="row">
                  {m.name}
                  {m.title ? `, ${m.title}` : ''}
                </th>
                <td>{COUNCIL_ROLE_LABELS[m.councilRole]}</td>
                <td>{PRESENCE_LABELS[presenceOf(session, m.memberId)]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {session.votes.length > 0 ? (
        <TableWrap label={`Kết quả bỏ phiếu – ${sessionLabel(session.id)}`}>
          <table class="session-votes">
            <caption>Kết quả bỏ phiếu kín</caption>
            <thead>
              <tr>
                <th scope="col">Đơn vị</th>
                <th scope="col">Hình thức khen thưởng</th>
                <th scope="col">Khối / cơ quan đề nghị</th>
                <th scope="col">Đồng ý</th>
                <th scope="col">Không đồng ý</th>
                <th scope="col">Không hợp lệ</th>
                <th scope="col">Số phiếu cần đạt</th>
                <th scope="col">Kết quả</th>
                <th scope="col">Lý do</th>
              </tr>
            </thead>
            <tbody>
              {session.votes.map((v) => {
                const it = item(v.itemId);
                return (
                  <tr key={v.itemId}>
                    <th scope="row">{it ? (it.unitName ?? it.unitCode) : v.itemId}</th>
                    <td>{it ? awardName(it) : ''}</td>
                    <td>{it ? originOf(it, blocNames) : ''}</td>
                    <td>{v.votesFor}</td>
                    <td>{v.votesAgainst}</td>
                    <td>{v.invalid}</td>
                    <td>{v.required}</td>
                    <td>
                      <Badge tone={v.passed ? 'ok' : 'danger'}>{v.passed ? 'Thông qua' : 'Không thông qua'}</Badge>
                    </td>
                    <td>{v.reason ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {children}
    </Section>
  );
}

type Tally = { votesFor: string; votesAgainst: string; invalid: string; reason: string };

/** The council's secretary enters the counted ballots per item; a rejection may carry the council's reason. */
function VoteForm({
  round,
  session,
  items,
  onChanged,
}: {
  round: Round;
  session: CouncilSession;
  items: RoundItem[];
  onChanged: () => unknown;
}) {
  const [tallies, setTallies] = useState<Record<string, Tally>>({});
  const tally = (id: string): Tally => tallies[id] ?? { votesFor: '', votesAgainst: '0', invalid: '0', reason: '' };
  const set = (id: string, patch: Partial<Tally>) => setTallies((all) => ({ ...all, [id]: { ...tally(id), ...patch } }));
  const int = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : null);
  const invalid = items.some(
    (i) => int(tally(i.id).votesFor) === null || int(tally(i.id).votesAgainst) === null || int(tally(i.id).invalid) === null,
  );
  const action = useAction(
    () =>
      recordRoundVotes(round.roundId, session.id, {
        tallies: items.map((i) => ({
          itemId: i.id,
          votesFor: int(tally(i.id).votesFor) ?? 0,
          votesAgainst: int(tally(i.id).votesAgainst) ?? 0,
          invalid: int(tally(i.id).invalid) ?? 0,
          ...(tally(i.id).reason.trim() ? { reason: tally(i.id).reason.trim() } : {}),
        })),
      }),
    { success: 'Đã ghi kết quả kiểm phiếu.', after: onChanged },
  );
  return (
    <form
      class="vote-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) void action.run();
      }}
    >
      <h3>Ghi kết quả kiểm phiếu</h3>
      <p class="hint">Có {session.present.length + session.writtenVotes.length} phiếu (có mặt và phiếu bằng văn bản).</p>
      {items.map((i) => (
        <fieldset key={i.id}>
          <legend>{itemLabel(i)}</legend>
          <div class="grid-3">
            <TextField
              label="Phiếu đồng ý"
              value={tally(i.id).votesFor}
              onValue={(v) => set(i.id, { votesFor: v })}
              inputMode="numeric"
              required
            />
            <TextField
              label="Phiếu không đồng ý"
              value={tally(i.id).votesAgainst}
              onValue={(v) => set(i.id, { votesAgainst: v })}
              inputMode="numeric"
              required
            />
            <TextField
              label="Phiếu không hợp lệ"
              value={tally(i.id).invalid}
              onValue={(v) => set(i.id, { invalid: v })}
              inputMode="numeric"
              required
            />
          </div>
          <TextField
            label="Lý do không thông qua (nếu có)"
            value={tally(i.id).reason}
            onValue={(v) => set(i.id, { reason: v })}
          />
        </fieldset>
      ))}
      <Button type="submit" busy={action.busy} disabled={invalid}>
        Ghi kết quả kiểm phiếu
      </Button>
      <ActionStatus action={action} />
    </form>
  );
}

/** The head of the board closes the session, or adjourns it with a reason (a session below quorum can only adjourn). */
function EndSession({ round, session, onChanged }: { round: Round; session: CouncilSession; onChanged: () => unknown }) {
  const [adjourning, setAdjourning] = useState(false);
  const action = useAction(
    (end: 'ADJOURN' | 'CLOSE', reason?: string) =>
      endRoundSession(round.roundId, session.id, { end, ...(reason ? { reason } : {}) }),
    { success: 'Đã kết thúc phiên họp.', after: onChanged },
  );
  return (
    <div class="end-session">
      <h3>Kết thúc phiên họp</h3>
      {adjourning ? (
        <ReasonForm
          label="Lý do hoãn phiên họp"
          confirmLabel="Xác nhận hoãn"
          busy={action.busy}
          onCancel={() => setAdjourning(false)}
          onSubmit={(reason) => void action.run('ADJOURN', reason).then((ok) => ok && setAdjourning(false))}
        />
      ) : (
        <div class="actions">
          <Button busy={action.busy} onClick={() => void action.run('CLOSE')}>
            Bế mạc phiên họp
          </Button>
          <Button kind="secondary" disabled={action.busy} onClick={() => setAdjourning(true)}>
            Hoãn phiên họp
          </Button>
        </div>
      )}
      <ActionStatus action={action} />
    </div>
  );
}
