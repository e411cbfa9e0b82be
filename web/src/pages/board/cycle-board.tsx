import { useState } from 'preact/hooks';
import { approveAppraisal, approveLeadership, reviewDossier } from '../../api/endpoints';
import type { CycleView, Me } from '../../api/types';
import { DocumentDownloads } from '../../components/documents';
import { DossierView, EligibilityList, NomineesTable } from '../../components/dossier-view';
import { ReasonForm } from '../../components/reason-form';
import { useRecordDate } from '../../components/record-date';
import { ActionStatus, Badge, Button, DateField, PageTitle, Section, TextField } from '../../components/ui';
import { CycleHeading, useCycle, WithCycle } from '../../lib/cycle';
import { formatDate, parseDateInput } from '../../lib/format';
import { useAction } from '../../lib/hooks';
import type { Acting } from '../../lib/inbox';
import { APPRAISAL_STATUS_LABELS, unitName } from '../../lib/labels';
import { Link } from '../../lib/router';
import { actingOf } from '../../lib/session';
import { AppraisalForm, CouncilVoteForm, DecisionForm } from './decision-forms';

/** One cycle's dossier at the board: completeness review, appraisal, council vote, the chairman's decision. */
/** What the board reads of a bloc's dossier, and the decision once the chairman has issued it. */
const BOARD_DOCUMENTS = ['to-trinh', 'bao-cao-thanh-tich', 'bien-ban-hoi-nghi', 'bien-ban-kiem-phieu', 'quyet-dinh'];

export function CycleBoardPage({ cycleId, me }: { cycleId: string; me: Me }) {
  const acting = actingOf(me);
  const cycle = useCycle(cycleId);
  return (
    <>
      <PageTitle>Hồ sơ khen thưởng{cycle.data ? `: ${cycle.data.blocName}` : ''}</PageTitle>
      <WithCycle resource={cycle}>
        {(c) => (
          <>
            <CycleHeading cycle={c} />
            <Section title="Các đề nghị khen thưởng">
              <NomineesTable cycle={c} />
              <EligibilityList cycle={c} />
            </Section>
            {c.council ? <CouncilSession cycle={c} /> : null}
            <Section title="Hồ sơ đề nghị">
              <DossierView cycle={c} />
              <DocumentDownloads cycle={c} kinds={BOARD_DOCUMENTS} />
              {acting.role === 'BOARD_SPECIALIST' && c.phase === 'SUBMISSION' && c.dossier?.status === 'SUBMITTED' ? (
                <DossierReview cycle={c} onChanged={cycle.reload} />
              ) : null}
            </Section>
            <RoleSections cycle={c} acting={acting} onChanged={cycle.reload} />
          </>
        )}
      </WithCycle>
    </>
  );
}

function RoleSections({ cycle, acting, onChanged }: { cycle: CycleView; acting: Acting; onChanged: () => unknown }) {
  const appraisal = cycle.appraisal;
  const awaitingCouncil = cycle.nominees.some((n) => n.status === 'AWAITING_COUNCIL');
  if (appraisal?.chainId) {
    return (
      <>
        <Section title="Thẩm định theo quy trình phê duyệt">
          <p>
            Theo quy định của tỉnh, các đề nghị được thẩm định qua quy trình phê duyệt nhiều cấp.{' '}
            <Link href={`/approvals/${encodeURIComponent(appraisal.chainId)}`}>Mở quy trình phê duyệt</Link>
          </p>
        </Section>
        {acting.role === 'CHAIRMAN' &&
        cycle.phase === 'DECISION' &&
        cycle.nominees.some((n) => n.status === 'AWAITING_DECISION') ? (
          <DecisionForm cycle={cycle} onChanged={onChanged} />
        ) : null}
      </>
    );
  }
  return (
    <>
      {cycle.phase === 'APPRAISAL' || appraisal ? (
        <Section title="Thẩm định">
          <p>
            Trạng thái:{' '}
            <Badge tone={appraisal?.status === 'APPROVED' ? 'ok' : 'info'}>
              {APPRAISAL_STATUS_LABELS[appraisal?.status ?? 'PENDING']}
            </Badge>
          </p>
          {appraisal?.returns.map((r, i) => (
            <p key={i} class="alert alert-warn">
              Trưởng phòng trả lại: {r.reason}
            </p>
          ))}
          {acting.role === 'BOARD_SPECIALIST' && cycle.phase === 'APPRAISAL' && (!appraisal || appraisal.status === 'PENDING') ? (
            <AppraisalForm cycle={cycle} onChanged={onChanged} />
          ) : null}
          {acting.role === 'BOARD_HEAD' && appraisal?.status === 'APPRAISED' ? (
            <AppraisalApproval cycle={cycle} onChanged={onChanged} />
          ) : null}
        </Section>
      ) : null}
      {acting.role === 'BOARD_HEAD' && appraisal?.status === 'APPROVED' && awaitingCouncil ? (
        <CouncilVoteForm cycle={cycle} onChanged={onChanged} />
      ) : null}
      {acting.role === 'CHAIRMAN' &&
      cycle.phase === 'DECISION' &&
      cycle.nominees.some((n) => n.status === 'AWAITING_DECISION') ? (
        <DecisionForm cycle={cycle} onChanged={onChanged} />
      ) : null}
      {(acting.role === 'BOARD_HEAD' || acting.role === 'CHAIRMAN') && cycle.leadershipApproval?.status === 'PENDING' ? (
        <LeadershipApproval cycle={cycle} onChanged={onChanged} />
      ) : null}
    </>
  );
}

export function DossierReview({ cycle, onChanged }: { cycle: CycleView; onChanged: () => unknown }) {
  const [returning, setReturning] = useState(false);
  const [completeOn, setCompleteOn] = useState('');
  const day = completeOn.trim() ? parseDateInput(completeOn) : undefined;
  const on = useRecordDate(cycle);
  const dated = on.occurredOn ? { occurredOn: on.occurredOn } : {};
  const accept = useAction(
    () => reviewDossier(cycle.cycleId, { decision: 'ACCEPT', ...(day ? { completeOn: day } : {}), ...dated }),
    { success: 'Đã tiếp nhận đủ hồ sơ; bắt đầu tính hạn thẩm định.', after: onChanged },
  );
  const giveBack = useAction((reason: string) => reviewDossier(cycle.cycleId, { decision: 'RETURN', reason, ...dated }), {
    success: 'Đã trả hồ sơ để bổ sung.',
    after: onChanged,
  });
  return (
    <div class="review">
      <h3>Kiểm tra tính đầy đủ của hồ sơ</h3>
      {on.field}
      {!returning ? (
        <>
          <DateField
            label="Ngày nhận đủ hồ sơ (nếu trước hôm nay)"
            value={completeOn}
            onValue={setCompleteOn}
            hint="Để trống nếu nhận đủ hồ sơ hôm nay. Định dạng dd/mm/yyyy."
          />
          <div class="actions">
            <Button busy={accept.busy} disabled={day === null || on.invalid} onClick={() => void accept.run()}>
              Tiếp nhận hồ sơ
            </Button>
            <Button kind="danger" disabled={on.invalid} onClick={() => setReturning(true)}>
              Trả lại để bổ sung
            </Button>
          </div>
        </>
      ) : (
        <ReasonForm
          label="Lý do trả lại, tài liệu cần bổ sung"
          confirmLabel="Xác nhận trả lại"
          busy={giveBack.busy}
          onCancel={() => setReturning(false)}
          onSubmit={(reason) => void giveBack.run(reason)}
        />
      )}
      <ActionStatus action={accept} />
      <ActionStatus action={giveBack} />
    </div>
  );
}

export function AppraisalApproval({ cycle, onChanged }: { cycle: CycleView; onChanged: () => unknown }) {
  const [returning, setReturning] = useState(false);
  const on = useRecordDate(cycle);
  const dated = on.occurredOn ? { occurredOn: on.occurredOn } : {};
  const approve = useAction(() => approveAppraisal(cycle.cycleId, { decision: 'APPROVE', ...dated }), {
    success: 'Đã duyệt kết quả thẩm định.',
    after: onChanged,
  });
  const giveBack = useAction((reason: string) => approveAppraisal(cycle.cycleId, { decision: 'RETURN', reason, ...dated }), {
    success: 'Đã trả lại kết quả thẩm định.',
    after: onChanged,
  });
  return (
    <div class="review">
      <h3>Duyệt kết quả thẩm định</h3>
      {on.field}
      {!returning ? (
        <div class="actions">
          <Button busy={approve.busy} disabled={on.invalid} onClick={() => void approve.run()}>
            Duyệt kết quả thẩm định
          </Button>
          <Button kind="danger" disabled={on.invalid} onClick={() => setReturning(true)}>
            Trả lại
          </Button>
        </div>
      ) : (
        <ReasonForm
          label="Lý do trả lại kết quả thẩm định"
          confirmLabel="Xác nhận trả lại"
          busy={giveBack.busy}
          onCancel={() => setReturning(false)}
          onSubmit={(reason) => void giveBack.run(reason)}
        />
      )}
      <ActionStatus action={approve} />
      <ActionStatus action={giveBack} />
    </div>
  );
}

function LeadershipApproval({ cycle, onChanged }: { cycle: CycleView; onChanged: () => unknown }) {
  const [decisionRef, setDecisionRef] = useState('');
  const elected = cycle.leadershipApproval?.elected;
  const on = useRecordDate(cycle);
  const action = useAction(
    () =>
      approveLeadership(cycle.cycleId, {
        decisionRef: decisionRef.trim(),
        ...(on.occurredOn ? { occurredOn: on.occurredOn } : {}),
      }),
    { success: 'Đã phê duyệt Trưởng khối, Phó khối.', after: onChanged },
  );
  return (
    <Section title={`Phê duyệt Trưởng khối, Phó khối năm ${cycle.year + 1}`}>
      <p>
        Hội nghị đã bầu: Trưởng khối {unitName(cycle, elected?.leader)}, Phó khối {unitName(cycle, elected?.deputy)}.
      </p>
      <TextField label="Số quyết định phê duyệt" value={decisionRef} onValue={setDecisionRef} required />
      {on.field}
      <Button busy={action.busy} disabled={!decisionRef.trim() || on.invalid} onClick={() => void action.run()}>
        Phê duyệt
      </Button>
      <ActionStatus action={action} />
    </Section>
  );
}

/** The provincial council's session as recorded by its secretary: when it met, who was there, whether it could decide. */
function CouncilSession({ cycle }: { cycle: CycleView }) {
  const council = cycle.council;
  if (!council) return null;
  const { quorum } = council;
  return (
    <Section title="Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh" id="council-session">
      <dl class="facts">
        <dt>Ngày họp</dt>
        <dd>{formatDate(council.sessionDate)}</dd>
        <dt>Thành viên có mặt</dt>
        <dd>
          {council.membersPresent}/{council.membersTotal} thành viên
        </dd>
        <dt>Số lượng tối thiểu</dt>
        <dd>
          {quorum.met ? <Badge tone="ok">Đủ</Badge> : <Badge tone="danger">Không đủ</Badge>} (cần tối thiểu {quorum.required}{' '}
          thành viên)
        </dd>
      </dl>
    </Section>
  );
}
