import { useState } from 'preact/hooks';
import { closeBallot, decideTie, openBallot, openConference, restartBallot } from '../../api/endpoints';
import type { AwardType, BallotState, CycleView, TieItem } from '../../api/types';
import { MinutesView, RankingTable, TallyView } from '../../components/tally';
import { ActionStatus, Badge, Button, Checkbox, DateField, ProgressBar, Section, TextArea, TextField } from '../../components/ui';
import { generateTellerKey, type TellerKey } from '../../lib/ballot-keys';
import { parseTellerKey, storedTellerKey, storeTellerKey, tellerKeyFile } from '../../lib/ballot-storage';
import { formatDate, formatPoints, parseDateInput, todayVn } from '../../lib/format';
import { useAction } from '../../lib/hooks';
import { AWARD_LABELS, AWARDS, unitName } from '../../lib/labels';
import { DocumentDownloads } from '../../components/documents';

/** The year-end conference: attendance and quorum, the secret ballot, the count, the election and the minutes. */
export function ConferencePanel({ cycle, onChanged }: { cycle: CycleView; onChanged: () => unknown }) {
  const beforeConference = ['LAUNCH', 'PLEDGE', 'SELF_ASSESSMENT'].includes(cycle.phase);
  if (beforeConference) {
    return (
      <Section title="Hội nghị tổng kết">
        <p>Hội nghị tổng kết mở sau khi kết thúc tự chấm điểm (khi mọi bảng điểm đã được xem xét).</p>
      </Section>
    );
  }
  const ballot = cycle.ballot;
  return (
    <>
      {cycle.conference ? <ConferenceSummary cycle={cycle} /> : <OpenConferenceForm cycle={cycle} onChanged={onChanged} />}
      {cycle.conference && !ballot && cycle.phase === 'CONFERENCE' ? (
        <OpenBallotForm cycle={cycle} onChanged={onChanged} />
      ) : null}
      {ballot?.status === 'OPEN' ? <VotingProgress cycle={cycle} ballot={ballot} onChanged={onChanged} /> : null}
      {ballot?.status === 'AWAITING_TIE_DECISION' ? <TieForm cycle={cycle} ballot={ballot} onChanged={onChanged} /> : null}
      {cycle.minutes ? (
        <>
          <TallyView cycle={cycle} minutes={cycle.minutes} />
          <MinutesView cycle={cycle} minutes={cycle.minutes} />
          <DocumentDownloads cycle={cycle} kinds={['bien-ban-hoi-nghi', 'bien-ban-kiem-phieu']} />
        </>
      ) : null}
    </>
  );
}

function OpenConferenceForm({ cycle, onChanged }: { cycle: CycleView; onChanged: () => unknown }) {
  const [heldOn, setHeldOn] = useState(formatDate(todayVn()));
  const [location, setLocation] = useState('');
  const [present, setPresent] = useState<string[]>(cycle.units.map((u) => u.code));
  const day = parseDateInput(heldOn);
  const action = useAction(
    () =>
      openConference(cycle.cycleId, {
        heldOn: day ?? '',
        ...(location.trim() ? { location: location.trim() } : {}),
        presentUnits: present,
      }),
    { success: 'Đã khai mạc hội nghị.', after: onChanged },
  );
  return (
    <Section title="Khai mạc hội nghị tổng kết">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (day && present.length > 0) void action.run();
        }}
      >
        <div class="grid-2">
          <DateField label="Ngày họp" value={heldOn} onValue={setHeldOn} required />
          <TextField label="Địa điểm" value={location} onValue={setLocation} />
        </div>
        <fieldset>
          <legend>Điểm danh: đơn vị có mặt</legend>
          {cycle.units.map((u) => (
            <Checkbox
              key={u.code}
              label={u.name}
              checked={present.includes(u.code)}
              onChange={(on) => setPresent((all) => (on ? [...all, u.code] : all.filter((c) => c !== u.code)))}
            />
          ))}
          <p aria-live="polite">
            Có mặt {present.length}/{cycle.units.length} đơn vị. Hệ thống kiểm tra số lượng tham dự theo quy chế khi khai mạc.
          </p>
        </fieldset>
        <Button type="submit" busy={action.busy} busyLabel="Đang khai mạc…" disabled={!day || present.length === 0}>
          Khai mạc hội nghị
        </Button>
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}

function ConferenceSummary({ cycle }: { cycle: CycleView }) {
  const conference = cycle.conference;
  if (!conference) return null;
  const absent = cycle.units.filter((u) => !conference.present.includes(u.code));
  return (
    <Section title="Hội nghị tổng kết">
      <dl class="facts">
        <dt>Ngày họp</dt>
        <dd>{formatDate(conference.heldOn)}</dd>
        {conference.location ? (
          <>
            <dt>Địa điểm</dt>
            <dd>{conference.location}</dd>
          </>
        ) : null}
        <dt>Có mặt</dt>
        <dd>
          {conference.present.length}/{cycle.units.length} đơn vị
        </dd>
        <dt>Vắng mặt</dt>
        <dd>{absent.length === 0 ? 'Không' : absent.map((u) => u.name).join('; ')}</dd>
        <dt>Số lượng tham dự</dt>
        <dd id="quorum">
          {conference.quorum.met ? <Badge tone="ok">Đủ số lượng</Badge> : <Badge tone="danger">Không đủ số lượng</Badge>} (
          {conference.quorum.present}/{conference.quorum.base}, cần tối thiểu {conference.quorum.required})
        </dd>
      </dl>
      <RankingTable cycle={cycle} ranking={conference.ranking} />
    </Section>
  );
}

function UnitChecklist({
  cycle,
  legend,
  units,
  chosen,
  onChange,
}: {
  cycle: CycleView;
  legend: string;
  units: string[];
  chosen: string[];
  onChange: (next: string[]) => void;
}) {
  const rank = (code: string) => cycle.conference?.ranking.find((r) => r.unitCode === code);
  return (
    <fieldset>
      <legend>{legend}</legend>
      {units.map((u) => {
        const r = rank(u);
        return (
          <Checkbox
            key={u}
            label={
              <>
                {unitName(cycle, u)}
                {r ? (
                  <span class="muted">
                    {' '}
                    (hạng {r.rank}, {formatPoints(r.total)} điểm)
                  </span>
                ) : null}
              </>
            }
            checked={chosen.includes(u)}
            onChange={(on) => onChange(on ? [...chosen, u] : chosen.filter((c) => c !== u))}
          />
        );
      })}
    </fieldset>
  );
}

function OpenBallotForm({ cycle, onChanged }: { cycle: CycleView; onChanged: () => unknown }) {
  const present = cycle.conference?.ranking.map((r) => r.unitCode) ?? cycle.units.map((u) => u.code);
  const [candidates, setCandidates] = useState<Partial<Record<AwardType, string[]>>>({});
  const [leaders, setLeaders] = useState<string[]>([]);
  const [deputies, setDeputies] = useState<string[]>([]);
  const nothing = AWARDS.every((a) => (candidates[a]?.length ?? 0) === 0) && leaders.length === 0;
  const action = useAction(
    async () => {
      // The teller key is made here; only its public part leaves this device.
      const key = storedTellerKey(cycle.cycleId) ?? (await generateTellerKey());
      storeTellerKey(cycle.cycleId, key);
      return openBallot(cycle.cycleId, {
        candidates: Object.fromEntries(AWARDS.filter((a) => (candidates[a]?.length ?? 0) > 0).map((a) => [a, candidates[a]])),
        leaderCandidates: leaders,
        deputyCandidates: deputies,
        tellerKey: key.publicKey,
      });
    },
    { success: 'Đã mở bỏ phiếu; các đơn vị có mặt bỏ phiếu từ trang của đơn vị mình.', after: onChanged },
  );
  return (
    <Section title="Mở bỏ phiếu suy tôn và bầu Trưởng, Phó khối">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!nothing) void action.run();
        }}
      >
        <p class="hint">
          Chọn các đơn vị được đưa vào phiếu cho từng hình thức; hệ thống kiểm tra điều kiện khen thưởng của từng đơn vị.
        </p>
        {AWARDS.map((award) => (
          <UnitChecklist
            key={award}
            cycle={cycle}
            legend={`Đề cử ${AWARD_LABELS[award]}`}
            units={present}
            chosen={candidates[award] ?? []}
            onChange={(next) => setCandidates((all) => ({ ...all, [award]: next }))}
          />
        ))}
        <UnitChecklist
          cycle={cycle}
          legend={`Ứng cử Trưởng khối năm ${cycle.year + 1}`}
          units={present}
          chosen={leaders}
          onChange={setLeaders}
        />
        <UnitChecklist
          cycle={cycle}
          legend={`Ứng cử Phó khối năm ${cycle.year + 1}`}
          units={present}
          chosen={deputies}
          onChange={setDeputies}
        />
        <Button type="submit" busy={action.busy} busyLabel="Đang mở bỏ phiếu…" disabled={nothing}>
          Mở bỏ phiếu
        </Button>
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}

function VotingProgress({ cycle, ballot, onChanged }: { cycle: CycleView; ballot: BallotState; onChanged: () => unknown }) {
  const present = cycle.conference?.present ?? [];
  const waiting = present.filter((u) => !ballot.voted.includes(u));
  const stored = storedTellerKey(cycle.cycleId);
  const held = stored && stored.publicKey === ballot.tellerKey ? stored : undefined;
  const [pasted, setPasted] = useState('');
  const privateKey = held?.privateKey ?? parseTellerKey(pasted);
  const action = useAction(
    async () => {
      const after = (await closeBallot(cycle.cycleId, privateKey ?? '')) as CycleView;
      // After the final count the key opens nothing more: this device forgets it.
      if (after.ballot?.status !== 'OPEN') storeTellerKey(cycle.cycleId, undefined);
      return after;
    },
    { success: 'Đã kết thúc bỏ phiếu và kiểm phiếu.', after: onChanged },
  );
  return (
    <Section title={`Đang bỏ phiếu${ballot.round > 1 ? ` (vòng ${ballot.round})` : ''}`}>
      <div aria-live="polite">
        <ProgressBar value={ballot.voted.length} max={present.length} label="Đơn vị đã bỏ phiếu" />
      </div>
      <p>Đã bỏ phiếu: {ballot.voted.length === 0 ? 'chưa có' : ballot.voted.map((u) => unitName(cycle, u)).join('; ')}</p>
      <p>Chưa bỏ phiếu: {waiting.length === 0 ? 'không còn' : waiting.map((u) => unitName(cycle, u)).join('; ')}</p>
      <p class="hint">
        Bỏ phiếu kín: phiếu được niêm phong bằng khóa kiểm phiếu; chỉ khi kiểm phiếu, khóa kiểm phiếu mới mở được các phiếu.
      </p>
      {ballot.tellerKey ? (
        held ? (
          <TellerKeyDownload cycleId={cycle.cycleId} tellerKey={held} />
        ) : (
          <TextArea
            label="Khóa kiểm phiếu"
            hint="Trình duyệt này không giữ khóa kiểm phiếu: dán nội dung tệp khóa kiểm phiếu đã tải về khi mở bỏ phiếu."
            value={pasted}
            onValue={setPasted}
            rows={3}
            mono
          />
        )
      ) : (
        <p class="alert alert-warn">Vòng bỏ phiếu này chưa có khóa kiểm phiếu; Trưởng khối tổ chức bỏ phiếu lại với khóa mới.</p>
      )}
      <Button busy={action.busy} busyLabel="Đang kiểm phiếu…" disabled={!privateKey} onClick={() => void action.run()}>
        Kết thúc bỏ phiếu và kiểm phiếu
      </Button>
      <ActionStatus action={action} />
      <RestartRound cycle={cycle} ballot={ballot} onChanged={onChanged} />
    </Section>
  );
}

/** The teller key as a file to keep apart: if this tab closes, the count needs it. */
function TellerKeyDownload({ cycleId, tellerKey }: { cycleId: string; tellerKey: TellerKey }) {
  const file = tellerKeyFile(cycleId, tellerKey);
  return (
    <p>
      Khóa kiểm phiếu đang được giữ trong thẻ trình duyệt này.{' '}
      <a href={file.href} download={file.name}>
        Tải khóa kiểm phiếu
      </a>{' '}
      và giữ bí mật cho đến khi kiểm phiếu; mất khóa thì phải bỏ phiếu lại vòng này.
    </p>
  );
}

/** A lost teller key: the round is voted again under a new key; the sealed papers so far are discarded unread. */
function RestartRound({ cycle, ballot, onChanged }: { cycle: CycleView; ballot: BallotState; onChanged: () => unknown }) {
  const [reason, setReason] = useState('');
  const action = useAction(
    async () => {
      const key = await generateTellerKey();
      storeTellerKey(cycle.cycleId, key);
      return restartBallot(cycle.cycleId, { reason: reason.trim(), tellerKey: key.publicKey });
    },
    { success: `Đã tổ chức bỏ phiếu lại vòng ${ballot.round} với khóa kiểm phiếu mới.`, after: onChanged },
  );
  return (
    <details>
      <summary>Mất khóa kiểm phiếu? Bỏ phiếu lại vòng này</summary>
      <p class="hint">Các phiếu đã bỏ trong vòng này bị hủy mà không mở; các đơn vị bỏ phiếu lại.</p>
      <TextField label="Lý do bỏ phiếu lại" value={reason} onValue={setReason} />
      <Button busy={action.busy} disabled={reason.trim() === ''} onClick={() => void action.run()}>
        Bỏ phiếu lại với khóa kiểm phiếu mới
      </Button>
      <ActionStatus action={action} />
    </details>
  );
}

const tieItemLabel = (cycle: CycleView, item: TieItem) =>
  item === 'LEADER'
    ? `Trưởng khối năm ${cycle.year + 1}`
    : item === 'DEPUTY'
      ? `Phó khối năm ${cycle.year + 1}`
      : AWARD_LABELS[item];

function TieForm({ cycle, ballot, onChanged }: { cycle: CycleView; ballot: BallotState; onChanged: () => unknown }) {
  const tie = ballot.openTie;
  const [chosen, setChosen] = useState<string[]>(ballot.tieProposal?.chosen ?? []);
  const action = useAction(() => decideTie(cycle.cycleId, { item: tie?.item ?? 'LEADER', chosen }), {
    success: 'Đã ghi nhận quyết định.',
    after: onChanged,
  });
  if (!tie) return null;
  return (
    <Section title="Quyết định trường hợp bằng phiếu">
      <p>
        {tieItemLabel(cycle, tie.item)}: bằng phiếu giữa {tie.tied.map((u) => unitName(cycle, u)).join(', ')}; cần chọn{' '}
        {tie.slots} đơn vị. Trưởng khối đề xuất, Phó khối xác nhận.
      </p>
      {ballot.tieProposal ? (
        <p>Trưởng khối đã đề xuất: {ballot.tieProposal.chosen.map((u) => unitName(cycle, u)).join(', ')}.</p>
      ) : null}
      <UnitChecklist cycle={cycle} legend="Đơn vị được chọn" units={tie.tied} chosen={chosen} onChange={setChosen} />
      <Button busy={action.busy} disabled={chosen.length !== tie.slots} onClick={() => void action.run()}>
        {ballot.tieProposal ? 'Xác nhận lựa chọn' : 'Đề xuất lựa chọn'}
      </Button>
      <ActionStatus action={action} />
    </Section>
  );
}
