import { readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON, type History } from '@temporalio/common/lib/proto-utils';
import type { DataSource } from 'typeorm';
import { createProjectionActivities } from '../../src/activities/projection.activities';
import {
  childWorkflowsOf,
  instantToIso,
  mapAuditEntries,
  mapWorkflowHistory,
  mergeHistory,
  PROJECTION_ACTIVITIES,
  type HistoryEntry,
} from '../../src/api/audit/history-mapper';
import type { AuditEntry } from '../../src/audit/audit-chain';
import * as messages from '../../src/shared/messages';
import { SIGNAL_LABELS_VI, UPDATE_LABELS_VI } from '../../src/shared/update-labels';

/** The committed histories of the replay test: one whole S1 cycle (v4) and the assessment of one of its units. */
const HISTORIES = path.resolve(__dirname, '../replay/histories');
const load = (file: string): History => historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')));

const CYCLE_ID = 'cycle.T3FDA0E7E.MTTQ-DT.2020';
const MTTQ = 'T3FDA0E7E-MTTQ';
const MTTQ_WORKFLOW = `${CYCLE_ID}.assessment.${MTTQ}`;

const labels = (entries: HistoryEntry[]) => entries.map((e) => e.labelVi);
const ofType = (entries: HistoryEntry[], type: string) => entries.filter((e) => e.type === type);

describe('History mapper: Temporal event histories and audit entries as readable Vietnamese lines', () => {
  const cycle = load('cycle-s1.v4.json');
  const assessment = load('assessment-s1-mttq.v4.json');

  it('given a whole cycle history, should start and end with the workflow, skip workflow tasks, and keep history order', () => {
    const entries = mapWorkflowHistory(CYCLE_ID, cycle);

    expect(entries[0]).toMatchObject({
      source: 'WORKFLOW',
      workflowId: CYCLE_ID,
      eventId: 1,
      type: 'WORKFLOW_EXECUTION_STARTED',
      labelVi: 'Bắt đầu quy trình chu kỳ thi đua',
      name: 'cycleWorkflow',
    });
    expect(entries[entries.length - 1]).toMatchObject({
      eventId: 362,
      type: 'WORKFLOW_EXECUTION_COMPLETED',
      labelVi: 'Hoàn tất quy trình chu kỳ thi đua',
    });
    expect(entries.some((e) => e.type.startsWith('WORKFLOW_TASK_'))).toBe(false);
    expect(entries.some((e) => e.type === 'MARKER_RECORDED' || e.type === 'ACTIVITY_TASK_STARTED')).toBe(false);
    // 362 events less 189 workflow-task events, 30 activity starts, 6 child initiations, 2 patch markers and the 2
    // TemporalChangeVersion upserts that go with them.
    expect(cycle.events).toHaveLength(362);
    expect(entries).toHaveLength(133);

    const ids = entries.map((e) => e.eventId as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const times = entries.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    expect(entries[0]?.at).toBe('2026-11-22T10:07:34.775645Z');
  });

  it('given the updates of the cycle, should name each in Vietnamese, in the order they were accepted, with who acted', () => {
    const entries = mapWorkflowHistory(CYCLE_ID, cycle);
    const accepted = ofType(entries, 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED');
    expect(accepted.map((e) => e.name)).toEqual([
      'launch',
      ...Array<string>(6).fill('signPledge'),
      'openConference',
      'openBallot',
      ...Array<string>(6).fill('castBallot'),
      'closeBallot',
      'submitDossier',
      'reviewDossier',
      'submitDossier',
      'reviewDossier',
      'appraise',
      'approveAppraisal',
      'councilVote',
      'decide',
    ]);
    expect(accepted[0]?.labelVi).toBe('Tiếp nhận yêu cầu: Phát động thi đua');
    expect(accepted[1]).toMatchObject({
      labelVi: 'Tiếp nhận yêu cầu: Ký giao ước',
      actor: { userId: 'head.T3FDA0E7E-HLHPN', role: 'UNIT_HEAD', unitCode: 'T3FDA0E7E-HLHPN' },
    });
    expect(accepted.map((e) => e.labelVi)).toContain('Tiếp nhận yêu cầu: Quyết định khen thưởng');
    expect(accepted[accepted.length - 1]?.actor).toEqual({ userId: 'chutich.ubnd', role: 'CHAIRMAN', unitCode: null });

    // Each completion names its update and actor, found through the accepted event, and follows it.
    const completed = ofType(entries, 'WORKFLOW_EXECUTION_UPDATE_COMPLETED');
    expect(completed.map((e) => e.name)).toEqual(accepted.map((e) => e.name));
    expect(completed[1]).toMatchObject({ labelVi: 'Hoàn tất yêu cầu: Ký giao ước', actor: accepted[1]?.actor });
    completed.forEach((c, i) => expect(c.eventId).toBeGreaterThan(accepted[i]?.eventId as number));

    // Between the acceptance and the completion of a signature: the projection write.
    const sign = entries.slice(entries.indexOf(accepted[1]), entries.indexOf(completed[1]) + 1);
    expect(labels(sign)).toEqual([
      'Tiếp nhận yêu cầu: Ký giao ước',
      'Ghi dữ liệu đọc',
      'Ghi dữ liệu đọc xong',
      'Hoàn tất yêu cầu: Ký giao ước',
    ]);
  });

  it('given timers, children and phase changes, should say Hẹn giờ / Đến hạn, name each unit and each phase', () => {
    const entries = mapWorkflowHistory(CYCLE_ID, cycle);

    expect(ofType(entries, 'TIMER_STARTED')).toEqual([
      expect.objectContaining({ labelVi: 'Hẹn giờ', name: '1', detail: 'đến hạn lúc 2026-12-22T10:07:35.214234Z' }),
      expect.objectContaining({ labelVi: 'Hẹn giờ', name: '2', detail: 'đến hạn lúc 2026-11-22T10:07:40.779642Z' }),
    ]);
    expect(ofType(entries, 'TIMER_CANCELED')).toEqual([expect.objectContaining({ labelVi: 'Hủy hẹn giờ', name: '1' })]);
    // The appraisal deadline of the v4 recording fired (its dossier was accepted with a completion date in the past).
    expect(ofType(entries, 'TIMER_FIRED')).toEqual([expect.objectContaining({ labelVi: 'Đến hạn', name: '2' })]);

    const started = ofType(entries, 'CHILD_WORKFLOW_EXECUTION_STARTED');
    expect(started).toHaveLength(6);
    expect(started[0]).toMatchObject({
      labelVi: `Bắt đầu quy trình con tự chấm điểm của đơn vị ${MTTQ}`,
      detail: MTTQ_WORKFLOW,
      name: 'unitAssessmentWorkflow',
    });
    expect(labels(ofType(entries, 'CHILD_WORKFLOW_EXECUTION_COMPLETED'))).toContain(
      `Hoàn tất quy trình con tự chấm điểm của đơn vị ${MTTQ}`,
    );
    expect(childWorkflowsOf(cycle).map((c) => c.workflowId)).toEqual(started.map((s) => s.detail));

    expect(labels(ofType(entries, 'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES'))).toEqual([
      'Chuyển giai đoạn: Ký giao ước thi đua',
      'Chuyển giai đoạn: Tự chấm điểm',
      'Chuyển giai đoạn: Hội nghị tổng kết',
      'Chuyển giai đoạn: Trình hồ sơ đề nghị khen thưởng',
      'Chuyển giai đoạn: Thẩm định hồ sơ',
      'Chuyển giai đoạn: Quyết định khen thưởng',
      'Chuyển giai đoạn: Hoàn thành chu kỳ',
    ]);

    const writes = ofType(entries, 'ACTIVITY_TASK_SCHEDULED');
    expect(writes).toHaveLength(30);
    expect(new Set(labels(writes))).toEqual(new Set(['Ghi dữ liệu đọc']));
    expect(new Set(labels(ofType(entries, 'ACTIVITY_TASK_COMPLETED')))).toEqual(new Set(['Ghi dữ liệu đọc xong']));
  });

  it('given the histories, should show nothing of their payloads but who acted: no plan, scores, documents or ballots', () => {
    const text = JSON.stringify([...mapWorkflowHistory(CYCLE_ID, cycle), ...mapWorkflowHistory(MTTQ_WORKFLOW, assessment)]);
    for (const fragment of [
      'Kế hoạch',
      'pledgeText',
      'criteria',
      'points',
      '.pdf',
      'choices',
      'nextLeader',
      '125/QĐ-UBND',
      'TC1',
    ])
      expect(text).not.toContain(fragment);
  });

  it("given a unit's own assessment, should show all of it; from the cycle workflow only the unit's steps and its child", () => {
    const scope = { unitCode: MTTQ, assessmentWorkflowId: MTTQ_WORKFLOW };

    const own = mapWorkflowHistory(MTTQ_WORKFLOW, assessment, scope);
    expect(own).toEqual(mapWorkflowHistory(MTTQ_WORKFLOW, assessment));
    expect(own[0]).toMatchObject({
      labelVi: `Bắt đầu quy trình tự chấm điểm của đơn vị ${MTTQ}`,
      detail: `quy trình con của ${CYCLE_ID}`,
    });
    expect(ofType(own, 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED').map((e) => e.labelVi)).toEqual([
      'Tiếp nhận yêu cầu: Nộp bảng tự chấm điểm',
      'Tiếp nhận yêu cầu: Thủ trưởng đơn vị phê duyệt bảng điểm',
      'Tiếp nhận yêu cầu: Trưởng khối xem xét bảng điểm',
      'Tiếp nhận yêu cầu: Nộp bảng tự chấm điểm',
      'Tiếp nhận yêu cầu: Thủ trưởng đơn vị phê duyệt bảng điểm',
      'Tiếp nhận yêu cầu: Trưởng khối xem xét bảng điểm',
    ]);

    const parent = mapWorkflowHistory(CYCLE_ID, cycle, scope);
    expect(parent.map((e) => `${e.type} ${e.name}`)).toEqual([
      'WORKFLOW_EXECUTION_UPDATE_ACCEPTED signPledge',
      'WORKFLOW_EXECUTION_UPDATE_COMPLETED signPledge',
      'CHILD_WORKFLOW_EXECUTION_STARTED unitAssessmentWorkflow',
      'CHILD_WORKFLOW_EXECUTION_COMPLETED unitAssessmentWorkflow',
      'WORKFLOW_EXECUTION_UPDATE_ACCEPTED castBallot',
      'WORKFLOW_EXECUTION_UPDATE_COMPLETED castBallot',
    ]);
    expect(parent.filter((e) => e.actor).every((e) => e.actor?.unitCode === MTTQ)).toBe(true);
  });

  describe('with the audit log', () => {
    const entry = (seq: number, over: Partial<AuditEntry>): AuditEntry => ({
      seq,
      eventId: `${CYCLE_ID}:${seq}`,
      cycleId: CYCLE_ID,
      occurredAt: '2026-11-22T10:07:35.000000Z',
      recordedAt: '2026-11-22T10:07:35.100000Z',
      actorUserId: null,
      actorRole: null,
      actorUnitCode: null,
      kind: 'SYSTEM',
      type: 'CYCLE_STARTED',
      phase: 'LAUNCH',
      summaryVi: '',
      payload: null,
      prevHash: 'a'.repeat(64),
      hash: String(seq).repeat(64).slice(0, 64),
      ...over,
    });
    const audit: AuditEntry[] = [
      entry(1, {
        occurredAt: '2026-11-22T10:07:34.951Z',
        actorUserId: 'truongphong.tdkt',
        actorRole: 'BOARD_HEAD',
        kind: 'HUMAN',
        summaryVi: 'Khởi tạo chu kỳ thi đua năm 2020',
      }),
      entry(2, {
        occurredAt: '2026-11-22T10:07:35.547Z',
        actorUserId: `head.${MTTQ}`,
        actorRole: 'UNIT_HEAD',
        actorUnitCode: MTTQ,
        kind: 'HUMAN',
        type: 'PLEDGE_SIGNED',
        phase: 'PLEDGE',
        summaryVi: 'Ủy ban MTTQ tỉnh ký giao ước thi đua',
      }),
      entry(3, {
        eventId: `${MTTQ_WORKFLOW}:1`,
        occurredAt: '2026-11-22T10:07:36.458Z',
        type: 'ASSESSMENT_OPENED',
        phase: 'SELF_ASSESSMENT',
        summaryVi: 'Mở tự chấm điểm',
        payload: { unitCode: MTTQ },
      }),
      entry(4, {
        occurredAt: '2026-11-22T10:07:42.188Z',
        actorUserId: 'chutich.ubnd',
        actorRole: 'CHAIRMAN',
        kind: 'HUMAN',
        type: 'DECIDED',
        phase: 'DECISION',
        summaryVi: 'Chủ tịch UBND tỉnh quyết định khen thưởng',
        payload: { nominees: [`CO_THI_DUA_TINH:T3FDA0E7E-HLHPN`] },
      }),
    ];

    it('given audit entries, should label them with the timeline labels and keep seq, hash, actor and summary', () => {
      const [started, signed, opened] = mapAuditEntries(audit);
      expect(started).toEqual({
        at: '2026-11-22T10:07:34.951000Z',
        source: 'AUDIT',
        workflowId: CYCLE_ID,
        type: 'CYCLE_STARTED',
        labelVi: 'Khởi tạo chu kỳ thi đua',
        actor: { userId: 'truongphong.tdkt', role: 'BOARD_HEAD', unitCode: null },
        detail: 'Khởi tạo chu kỳ thi đua năm 2020',
        seq: 1,
        hash: '1'.repeat(64),
        phase: 'LAUNCH',
        kind: 'HUMAN',
        recordedAt: '2026-11-22T10:07:35.100000Z',
      });
      expect(signed).toMatchObject({ labelVi: 'Ký giao ước thi đua', actor: { unitCode: MTTQ }, seq: 2 });
      // A system step has no actor; its workflow is the one that recorded it.
      expect(opened?.actor).toBeUndefined();
      expect(opened).toMatchObject({ labelVi: 'Mở tự chấm điểm', workflowId: MTTQ_WORKFLOW });
    });

    it('given both sources, should interleave them by time', () => {
      const merged = mergeHistory(
        mapWorkflowHistory(CYCLE_ID, cycle),
        mapWorkflowHistory(MTTQ_WORKFLOW, assessment),
        mapAuditEntries(audit),
      );
      expect(merged.map((e) => e.at)).toEqual(merged.map((e) => e.at).sort());
      const around = (seq: number) => {
        const i = merged.findIndex((e) => e.seq === seq);
        return merged.slice(i - 1, i + 2).map((e) => `${e.source} ${e.labelVi}`);
      };
      expect(around(1)).toEqual([
        'WORKFLOW Bắt đầu quy trình chu kỳ thi đua',
        'AUDIT Khởi tạo chu kỳ thi đua',
        'WORKFLOW Ghi dữ liệu đọc',
      ]);
      expect(around(2)).toEqual([
        'WORKFLOW Hoàn tất yêu cầu: Phát động thi đua',
        'AUDIT Ký giao ước thi đua',
        'WORKFLOW Tiếp nhận yêu cầu: Ký giao ước',
      ]);
      expect(around(3)).toEqual([
        'WORKFLOW Bắt đầu quy trình con tự chấm điểm của đơn vị T3FDA0E7E-HLHPN',
        'AUDIT Mở tự chấm điểm',
        'WORKFLOW Ghi dữ liệu đọc',
      ]);
      expect(merged.filter((e) => e.source === 'WORKFLOW').some((e) => e.workflowId === MTTQ_WORKFLOW)).toBe(true);
    });

    it('given a unit, should keep the audit entries done by it, recorded by its assessment or naming it', () => {
      const forMttq = mapAuditEntries(audit, { unitCode: MTTQ, assessmentWorkflowId: MTTQ_WORKFLOW });
      expect(forMttq.map((e) => e.seq)).toEqual([2, 3]);
      const hlhpn = 'T3FDA0E7E-HLHPN';
      const forNominee = mapAuditEntries(audit, { unitCode: hlhpn, assessmentWorkflowId: `${CYCLE_ID}.assessment.${hlhpn}` });
      expect(forNominee.map((e) => e.seq)).toEqual([4]);
      // A code that only prefixes another does not match.
      expect(mapAuditEntries(audit, { unitCode: 'T3FDA0E7E-HL', assessmentWorkflowId: 'x' })).toEqual([]);
    });
  });

  it('given a failed update, a retried and a failed activity, should say so with the failure message', () => {
    const t = (s: number) => `2026-11-22T10:00:0${s}.123456789Z`;
    const args = (value: object) => ({
      payloads: [
        {
          metadata: { encoding: Buffer.from('json/plain').toString('base64') },
          data: Buffer.from(JSON.stringify(value)).toString('base64'),
        },
      ],
    });
    const history = historyFromJSON({
      events: [
        {
          eventId: '1',
          eventTime: t(0),
          eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
          workflowExecutionStartedEventAttributes: { workflowType: { name: 'cycleWorkflow' } },
        },
        {
          eventId: '2',
          eventTime: t(1),
          eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
          workflowExecutionUpdateAcceptedEventAttributes: {
            acceptedRequest: {
              meta: { updateId: 'req-12345678' },
              input: {
                name: 'decide',
                args: args({ actor: { userId: 'chutich.ubnd', role: 'CHAIRMAN' }, decisionNumber: '9/QĐ' }),
              },
            },
          },
        },
        {
          eventId: '3',
          eventTime: t(2),
          eventType: 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED',
          activityTaskScheduledEventAttributes: { activityId: '1', activityType: { name: 'projectCycle' } },
        },
        {
          eventId: '4',
          eventTime: t(3),
          eventType: 'EVENT_TYPE_ACTIVITY_TASK_STARTED',
          activityTaskStartedEventAttributes: {
            scheduledEventId: '3',
            attempt: 3,
            lastFailure: { message: 'connection refused' },
          },
        },
        {
          eventId: '5',
          eventTime: t(4),
          eventType: 'EVENT_TYPE_ACTIVITY_TASK_COMPLETED',
          activityTaskCompletedEventAttributes: { scheduledEventId: '3', startedEventId: '4' },
        },
        {
          eventId: '6',
          eventTime: t(5),
          eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED',
          workflowExecutionUpdateCompletedEventAttributes: {
            acceptedEventId: '2',
            meta: { updateId: 'req-12345678' },
            outcome: { failure: { message: 'quota exceeded' } },
          },
        },
        {
          eventId: '7',
          eventTime: t(6),
          eventType: 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED',
          activityTaskScheduledEventAttributes: { activityId: '2', activityType: { name: 'sendMail' } },
        },
        {
          eventId: '8',
          eventTime: t(7),
          eventType: 'EVENT_TYPE_ACTIVITY_TASK_FAILED',
          activityTaskFailedEventAttributes: { scheduledEventId: '7', failure: { message: 'smtp down' } },
        },
        {
          eventId: '9',
          eventTime: t(8),
          eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED',
          workflowExecutionSignaledEventAttributes: { signalName: 'closeAssessment' },
        },
      ],
    });
    const entries = mapWorkflowHistory(CYCLE_ID, history);
    expect(entries.map((e) => [e.labelVi, e.detail])).toEqual([
      ['Bắt đầu quy trình chu kỳ thi đua', undefined],
      ['Tiếp nhận yêu cầu: Quyết định khen thưởng', undefined],
      ['Ghi dữ liệu đọc', undefined],
      ['Ghi dữ liệu đọc xong', 'ở lần thử thứ 3; lỗi trước đó: connection refused'],
      ['Yêu cầu không thực hiện được: Quyết định khen thưởng', 'quota exceeded'],
      ['Tác vụ sendMail', undefined],
      ['Tác vụ sendMail thất bại', 'smtp down'],
      ['Nhận tín hiệu: Kết thúc tự chấm điểm của đơn vị', undefined],
    ]);
    expect(entries[1]?.actor).toEqual({ userId: 'chutich.ubnd', role: 'CHAIRMAN', unitCode: null });
    expect(entries[1]?.at).toBe('2026-11-22T10:00:01.123456Z');
    expect(JSON.stringify(entries)).not.toContain('9/QĐ');
  });

  it('given a cycle that opened its sheets as unitSheetWorkflow (v15), should name each one as the unit’s self-assessment', () => {
    const v15 = 'cycle.T3C243097.MTTQ-DT.2020';
    const started = ofType(mapWorkflowHistory(v15, load('cycle-s1.v15.json')), 'CHILD_WORKFLOW_EXECUTION_STARTED');
    expect(started).toHaveLength(6);
    expect(started[0]).toMatchObject({
      labelVi: 'Bắt đầu quy trình con tự chấm điểm của đơn vị T3C243097-MTTQ',
      detail: `${v15}.assessment.T3C243097-MTTQ`,
      name: 'unitSheetWorkflow',
    });
  });

  it('given an instant and a duration, should add them with microseconds, carrying nanoseconds into seconds', () => {
    expect(instantToIso({ seconds: 1_600_000_000, nanos: 999_999_999 })).toBe('2020-09-13T12:26:40.999999Z');
    expect(instantToIso({ seconds: 1_600_000_000, nanos: 600_000_000 }, { seconds: 59, nanos: 500_000_000 })).toBe(
      '2020-09-13T12:27:40.100000Z',
    );
  });

  it('given every update and signal of src/shared/messages.ts, should have a Vietnamese label for each, in NFC', () => {
    const definitions = Object.values(messages) as { type?: string; name?: string }[];
    const updates = definitions.filter((d) => d.type === 'update').map((d) => d.name as string);
    const signals = definitions.filter((d) => d.type === 'signal').map((d) => d.name as string);
    expect(updates.length).toBeGreaterThan(15);
    expect(Object.keys(UPDATE_LABELS_VI).sort()).toEqual([...updates].sort());
    expect(Object.keys(SIGNAL_LABELS_VI).sort()).toEqual([...signals].sort());
    expect(UPDATE_LABELS_VI.signPledge).toBe('Ký giao ước');
    for (const label of [...Object.values(UPDATE_LABELS_VI), ...Object.values(SIGNAL_LABELS_VI)])
      expect(label).toBe(label.normalize('NFC'));
  });

  it('given the projection activities the worker registers, should know each as a read-model write', () => {
    expect([...PROJECTION_ACTIVITIES].sort()).toEqual(Object.keys(createProjectionActivities({} as DataSource)).sort());
  });
});
