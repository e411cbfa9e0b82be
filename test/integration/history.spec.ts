import request from 'supertest';
import { EVENT_LABELS_VI } from '../../src/shared/event-labels';
import { as } from './support/actors';
import { useS1Harness } from './support/harness';
import { waitFor } from './support/wait';
import { ALL_UNITS } from './support/s1-scenario';

interface Entry {
  at: string;
  source: 'AUDIT' | 'WORKFLOW';
  workflowId?: string;
  eventId?: number;
  type: string;
  labelVi: string;
  actor?: { userId: string | null; role: string | null; unitCode: string | null };
  detail?: string;
  name?: string;
  seq?: number;
  hash?: string;
}

interface WorkflowRef {
  workflowId: string;
  runId: string;
  eventCount: number;
  uiUrl?: string;
}

interface CycleHistory {
  cycleId: string;
  unitCode?: string;
  entries: Entry[];
  temporal: (WorkflowRef & { children: WorkflowRef[] }) | null;
  note?: string;
}

describe('Cycle history: the audit log and the Temporal histories of the cycle and its units, merged, in Vietnamese', () => {
  const ctx = useS1Harness();
  const http = () => request(ctx.h.app.getHttpServer());
  const childOf = (unitKey: (typeof ALL_UNITS)[number]) => `${ctx.s1.cycleId}.assessment.${ctx.s1.u(unitKey)}`;

  async function history(cycleId: string, query = ''): Promise<CycleHistory> {
    const res = await http().get(`/v1/cycles/${cycleId}/history${query}`).set(as.admin());
    if (res.status !== 200) throw new Error(`history of ${cycleId}${query}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as CycleHistory;
  }

  const auditSeqs = async (cycleId: string): Promise<number[]> =>
    (
      await ctx.h.dataSource.query<{ seq: string }[]>(`SELECT seq FROM audit_log WHERE cycle_id = $1 ORDER BY seq`, [cycleId])
    ).map((r) => Number(r.seq));

  beforeAll(async () => {
    await ctx.s1.toConference();
  });

  it('given S1 driven to the conference, should merge every audit entry and both workflow levels in time order', async () => {
    const { s1 } = ctx;
    const body = await history(s1.cycleId);
    const { entries } = body;

    // Every audit entry of the cycle, once, with its place in the chain and its Vietnamese label.
    const audit = entries.filter((e) => e.source === 'AUDIT');
    expect(audit.map((e) => e.seq).sort((a, b) => (a as number) - (b as number))).toEqual(await auditSeqs(s1.cycleId));
    for (const e of audit) {
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(e.labelVi).toBe(EVENT_LABELS_VI[e.type]);
    }
    const signed = audit.filter((e) => e.type === 'PLEDGE_SIGNED');
    expect(signed).toHaveLength(6);
    expect(signed[0]).toMatchObject({ labelVi: 'Ký giao ước thi đua', actor: { role: 'UNIT_HEAD', unitCode: s1.u('HLHPN') } });
    expect(audit.find((e) => e.type === 'CONFERENCE_OPENED')?.labelVi).toBe('Khai mạc hội nghị tổng kết');

    // The cycle workflow and the six assessment children, with readable lines and no workflow-task noise.
    const workflow = entries.filter((e) => e.source === 'WORKFLOW');
    expect(new Set(workflow.map((e) => e.workflowId))).toEqual(new Set([s1.cycleId, ...ALL_UNITS.map(childOf)]));
    expect(workflow.some((e) => e.type.startsWith('WORKFLOW_TASK_'))).toBe(false);
    const said = new Set(workflow.map((e) => e.labelVi));
    // Since issue 17 the projections are local activities: a marker in the history, which gives no line of its own.
    expect(said.has('Ghi dữ liệu đọc')).toBe(false);
    for (const label of [
      'Bắt đầu quy trình chu kỳ thi đua',
      'Tiếp nhận yêu cầu: Phát động thi đua',
      'Tiếp nhận yêu cầu: Ký giao ước',
      'Hoàn tất yêu cầu: Ký giao ước',
      'Hẹn giờ',
      'Hủy hẹn giờ',
      'Chuyển giai đoạn: Hội nghị tổng kết',
      `Bắt đầu quy trình con tự chấm điểm của đơn vị ${s1.u('MTTQ')}`,
      `Hoàn tất quy trình tự chấm điểm của đơn vị ${s1.u('MTTQ')}`,
      'Tiếp nhận yêu cầu: Nộp bảng tự chấm điểm',
      'Tiếp nhận yêu cầu: Thủ trưởng đơn vị phê duyệt bảng điểm',
      'Tiếp nhận yêu cầu: Trưởng khối xem xét bảng điểm',
      'Tiếp nhận yêu cầu: Khai mạc hội nghị tổng kết',
    ])
      expect(said).toContain(label);

    // Ordered by time, and the two sources interleave rather than follow each other.
    expect(entries.map((e) => e.at)).toEqual(entries.map((e) => e.at).sort());
    const switches = entries.filter((e, i) => i > 0 && e.source !== entries[i - 1]?.source).length;
    expect(switches).toBeGreaterThan(audit.length);

    // Each signature: the step in the audit log falls after the cycle began and before its update completed.
    const started = entries.findIndex((e) => e.type === 'WORKFLOW_EXECUTION_STARTED' && e.workflowId === s1.cycleId);
    for (const key of ALL_UNITS) {
      const unit = s1.u(key);
      const step = entries.findIndex((e) => e.type === 'PLEDGE_SIGNED' && e.actor?.unitCode === unit);
      const done = entries.findIndex(
        (e) => e.type === 'WORKFLOW_EXECUTION_UPDATE_COMPLETED' && e.name === 'signPledge' && e.actor?.unitCode === unit,
      );
      expect(started).toBeLessThan(step);
      expect(step).toBeLessThan(done);
      expect(entries[done]?.labelVi).toBe('Hoàn tất yêu cầu: Ký giao ước');
    }

    // Temporal: the run read, the children and every event counted, the noise included.
    expect(body.temporal).toMatchObject({ workflowId: s1.cycleId, runId: expect.any(String) });
    expect(body.temporal?.children.map((c) => c.workflowId).sort()).toEqual(ALL_UNITS.map(childOf).sort());
    const parentEvents = body.temporal!.eventCount - body.temporal!.children.reduce((n, c) => n + c.eventCount, 0);
    expect(Math.max(...workflow.filter((e) => e.workflowId === s1.cycleId).map((e) => e.eventId as number))).toBeLessThanOrEqual(
      parentEvents,
    );
    expect(body.temporal!.eventCount).toBeGreaterThan(workflow.length);
    expect(body.note).toBeUndefined();
  });

  it('given a unit head or a focal person, should refuse with FORBIDDEN_ACTOR; given an unknown cycle, CYCLE_NOT_FOUND', async () => {
    const { s1 } = ctx;
    for (const who of [as.head(s1.u('HLHPN')), as.focal(s1.u('MTTQ'))]) {
      const res = await http().get(`/v1/cycles/${s1.cycleId}/history`).set(who);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'FORBIDDEN_ACTOR' });
    }
    const missing = await http().get('/v1/cycles/cycle.XX.YY.2020/history').set(as.admin());
    expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 404, code: 'CYCLE_NOT_FOUND' });
  });

  it('given unitCode, should narrow both sources to that unit; an unknown or malformed unit is refused', async () => {
    const { s1 } = ctx;
    const mttq = s1.u('MTTQ');
    const all = await history(s1.cycleId);
    const body = await history(s1.cycleId, `?unitCode=${encodeURIComponent(mttq)}`);
    expect(body.unitCode).toBe(mttq);
    expect(body.entries.length).toBeGreaterThan(10);
    expect(body.entries.length).toBeLessThan(all.entries.length / 3);

    // Its own steps in the audit log, not another unit's.
    const audit = body.entries.filter((e) => e.source === 'AUDIT');
    const types = audit.map((e) => `${e.type} ${e.actor?.unitCode ?? ''}`);
    expect(types).toContain(`PLEDGE_SIGNED ${mttq}`);
    expect(types).toContain(`ASSESSMENT_SUBMITTED ${mttq}`);
    expect(audit.filter((e) => e.type === 'PLEDGE_SIGNED')).toHaveLength(1);

    // Its assessment workflow whole; from the cycle workflow only its own updates and its child.
    for (const e of body.entries.filter((x) => x.source === 'WORKFLOW')) {
      if (e.workflowId === childOf('MTTQ')) continue;
      expect(e.workflowId).toBe(s1.cycleId);
      expect(e.actor?.unitCode === mttq || e.detail === childOf('MTTQ')).toBe(true);
    }
    const labels = body.entries.filter((e) => e.source === 'WORKFLOW').map((e) => e.labelVi);
    expect(labels).toContain(`Bắt đầu quy trình con tự chấm điểm của đơn vị ${mttq}`);
    expect(labels).toContain('Tiếp nhận yêu cầu: Ký giao ước');
    expect(labels).toContain('Tiếp nhận yêu cầu: Nộp bảng tự chấm điểm');
    expect(body.entries.map((e) => e.at)).toEqual(body.entries.map((e) => e.at).sort());

    const unknown = await http().get(`/v1/cycles/${s1.cycleId}/history?unitCode=NO-SUCH-UNIT`).set(as.admin());
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'UNIT_NOT_FOUND' });
    const malformed = await http().get(`/v1/cycles/${s1.cycleId}/history?unitCode=a%20b`).set(as.admin());
    expect(malformed.status).toBe(400);
  });

  it('given workflows Temporal no longer keeps, should still answer: a note for a child, the audit log alone for the cycle', async () => {
    const { s1, h } = ctx;
    const before = await history(s1.cycleId);
    const gone = async (workflowId: string) => {
      await h.client.workflowService.deleteWorkflowExecution({
        namespace: h.config.temporal.namespace,
        workflowExecution: { workflowId },
      });
      // Deletion is asynchronous in Temporal (a task of the server's own queues): slow on a loaded machine.
      await waitFor(
        `${workflowId} deleted`,
        async () => {
          try {
            await h.client.workflow.getHandle(workflowId).describe();
            return undefined;
          } catch {
            return true;
          }
        },
        120_000,
      );
    };

    await gone(childOf('DTN'));
    const partial = await history(s1.cycleId);
    expect(partial.temporal?.children).toHaveLength(5);
    expect(partial.note).toContain(childOf('DTN'));
    expect(partial.entries.some((e) => e.workflowId === childOf('DTN') && e.source === 'WORKFLOW')).toBe(false);

    await gone(s1.cycleId);
    const after = await history(s1.cycleId);
    expect(after.temporal).toBeNull();
    expect(after.note).toMatch(/Temporal không còn lưu lịch sử/);
    expect(after.entries.every((e) => e.source === 'AUDIT')).toBe(true);
    expect(after.entries).toEqual(before.entries.filter((e) => e.source === 'AUDIT'));
  });
});
