import type { Actor } from '../shared/actors';
import { BlocCapacity, Role } from '../shared/actors';
import type { ChainEvent, ChainState, PersonRef } from '../shared/approval';
import { Phase, type CycleState } from '../shared/cycle-types';
import { SYSTEM, vietnamDateOf } from './approval';
import { cycleStepsFor, type CycleStep, type CycleStepAction } from './cycle-steps';

/**
 * The e-mails an event sends: pure, so the projections (which write them into `mail_outbox` in their own transaction)
 * and the tests agree on who gets what. Each mail names its event by a deterministic key: the outbox's unique
 * constraint turns a retried projection into a no-op. Texts are Vietnamese (NFC), dates dd/mm/yyyy in Vietnam time,
 * people and units by name; a mail carries no password, token, ballot choice or free text a person wrote (reasons and
 * comments stay in the web app, behind its login).
 */
export type OutboxKind = 'TASK_ASSIGNED' | 'REMINDER' | 'ESCALATED' | 'DEADLINE_MISSED' | 'DIGEST';

export interface OutboxMail {
  eventKey: string;
  kind: OutboxKind;
  username: string;
  subject: string;
  body: string;
  /** Path below the web app's origin, e.g. `/app/approvals/<chain id>`. */
  link: string;
}

export const MAIL_SUBJECT_PREFIX = '[Thi đua – Khen thưởng]';

/** dd/mm/yyyy of an instant, in Vietnam time. */
export function formatDateVi(instant: string): string {
  const [y, m, d] = vietnamDateOf(instant).split('-');
  return `${d}/${m}/${y}`;
}

const nfc = (text: string) => text.normalize('NFC');
/** FNV-1a, 32 bits: tells two titles of one step id apart (a dossier's review in round 1 and in round 2). */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (const c of text) {
    h ^= c.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function mail(
  kind: OutboxKind,
  eventKey: string,
  to: { username: string; displayName?: string },
  subject: string,
  lines: string[],
  link: string,
): OutboxMail {
  const body = [
    `Kính gửi ${to.displayName ?? to.username},`,
    '',
    ...lines,
    '',
    `Mở việc trên hệ thống: {{link}}`,
    '',
    'Thư này được gửi tự động từ hệ thống quản lý thi đua – khen thưởng; xin không trả lời thư này.',
    'Đổi cách nhận thông báo (ngay, tổng hợp hằng ngày hoặc không nhận) tại trang "Việc chờ xử lý".',
  ].join('\n');
  return { kind, eventKey, username: to.username, subject: nfc(`${MAIL_SUBJECT_PREFIX} ${subject}`), body: nfc(body), link };
}

export const chainLink = (chainId: string) => `/app/approvals/${encodeURIComponent(chainId)}`;

/** The page where a cycle step is done (the same mapping as web/src/lib/inbox.ts `stepHref`, below /app). */
export function cycleStepLink(cycleId: string, action: CycleStepAction): string {
  const id = encodeURIComponent(cycleId);
  switch (action) {
    case 'LAUNCH':
      return `/app/cycles/${id}/bloc/launch`;
    case 'REVIEW_ASSESSMENT':
    case 'CLOSE_SELF_ASSESSMENT':
      return `/app/cycles/${id}/bloc/assessments`;
    case 'OPEN_CONFERENCE':
    case 'OPEN_BALLOT':
    case 'CLOSE_BALLOT':
    case 'DECIDE_TIE':
      return `/app/cycles/${id}/bloc/conference`;
    case 'SUBMIT_DOSSIER':
      return `/app/cycles/${id}/bloc/dossier`;
    case 'SIGN_PLEDGE':
    case 'SUBMIT_ASSESSMENT':
    case 'APPROVE_ASSESSMENT':
    case 'CROSS_SCORE':
    case 'CAST_BALLOT':
      return `/app/cycles/${id}/unit`;
    default:
      return `/app/cycles/${id}/board`;
  }
}

// ---- approval chains ----

const isPerson = (p: PersonRef) => p.userId !== SYSTEM.userId;

/** The mails of a chain's events not projected before (`fresh`), given the chain's state after them. */
export function chainMails(state: ChainState, fresh: readonly ChainEvent[]): OutboxMail[] {
  const out: OutboxMail[] = [];
  const title = state.subject.title;
  const link = chainLink(state.chainId);
  for (const event of fresh) {
    const levelIndex = state.definition.levels.findIndex((l) => l.code === event.levelCode);
    const levelName = levelIndex >= 0 ? state.definition.levels[levelIndex].name : undefined;
    const clock = levelIndex >= 0 ? state.levels[levelIndex]?.clocks.at(-1) : undefined;
    const items = (event.itemIds ?? []).map((id) => state.items[id]?.title ?? id);
    const facts = [
      `Quy trình: ${state.definition.name}.`,
      ...(levelName ? [`Cấp xử lý: ${levelName}.`] : []),
      ...(items.length ? [`Nội dung: ${items.join('; ')}.`] : []),
      ...(clock?.dueAt ? [`Hạn xử lý: ${formatDateVi(clock.dueAt)}.`] : []),
    ];
    const key = (username: string, suffix = '') => `chain:${state.chainId}:${event.seq}${suffix}:${username}`;
    const people = (event.assignees ?? []).filter(isPerson);
    switch (event.type) {
      case 'LEVEL_ACTIVATED':
      case 'LEVEL_REOPENED':
      case 'REASSIGNED':
        for (const p of people)
          out.push(
            mail(
              'TASK_ASSIGNED',
              key(p.userId),
              { username: p.userId, displayName: p.displayName },
              `Việc mới cần xử lý: ${title}`,
              [`Đồng chí được giao xử lý hồ sơ "${title}".`, ...facts],
              link,
            ),
          );
        break;
      case 'REMINDER':
        for (const p of people)
          out.push(
            mail(
              'REMINDER',
              key(p.userId),
              { username: p.userId, displayName: p.displayName },
              `Nhắc hạn xử lý: ${title}`,
              [`Hồ sơ "${title}" đang chờ đồng chí xử lý và sắp đến hạn.`, ...facts],
              link,
            ),
          );
        break;
      case 'LEVEL_ESCALATED': {
        for (const p of people)
          out.push(
            mail(
              'ESCALATED',
              key(p.userId),
              { username: p.userId, displayName: p.displayName },
              `Chuyển đến đồng chí do quá hạn: ${title}`,
              [`Cấp xử lý trước đã quá hạn; hồ sơ "${title}" được chuyển đến đồng chí để quyết định.`, ...facts],
              link,
            ),
          );
        // Those who held the level and let its time limit pass: told that it did, and where the file went.
        const level = levelIndex >= 0 ? state.levels[levelIndex] : undefined;
        const missed = (level?.assignments ?? []).filter(
          (a) =>
            a.capacity !== 'ESCALATION' && a.assignedAt <= event.at && (!a.closedAt || a.closedAt >= event.at) && isPerson(a),
        );
        const seen = new Set<string>();
        for (const a of missed) {
          if (seen.has(a.userId)) continue;
          seen.add(a.userId);
          const next =
            people.length > 0
              ? `Hồ sơ đã được chuyển đến ${people.map((p) => p.displayName ?? p.userId).join(', ')} để quyết định.`
              : 'Hồ sơ đã được chuyển lên cấp xử lý tiếp theo.';
          out.push(
            mail(
              'DEADLINE_MISSED',
              key(a.userId, ':missed'),
              { username: a.userId, displayName: a.displayName },
              `Đã quá hạn xử lý: ${title}`,
              [`Hồ sơ "${title}" đã quá hạn xử lý tại cấp của đồng chí ngày ${formatDateVi(event.at)}.`, next, ...facts],
              link,
            ),
          );
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

// ---- the cycle's own steps ----

/** A person who may be sent a cycle's mail: a unit's head or one of the province's deciding roles. */
export interface CycleRecipient {
  username: string;
  displayName: string;
  role: Role;
  unitCode?: string;
}

/**
 * Steps of the cycle itself that, when they become someone's, are worth a mail: those one person takes at a desk over
 * days. Left out: the self-assessment's steps (each unit's child workflow, and chains where configured, whose tasks
 * mail through the chain), the conference's and the ballot's (taken in the meeting room), and steps run as chains.
 */
export const MAILED_CYCLE_STEPS: readonly CycleStepAction[] = [
  'SIGN_PLEDGE',
  'SUBMIT_DOSSIER',
  'REVIEW_DOSSIER',
  'APPRAISE',
  'APPROVE_APPRAISAL',
  'COUNCIL_VOTE',
  'DECIDE',
  'APPROVE_LEADERSHIP',
];

function actorOf(state: CycleState, r: CycleRecipient): Actor {
  const leads =
    r.role === Role.UNIT_HEAD && r.unitCode && (r.unitCode === state.leaderUnit || r.unitCode === state.deputyUnit)
      ? [
          {
            blocCode: state.blocCode,
            capacity: r.unitCode === state.leaderUnit ? BlocCapacity.LEADER : BlocCapacity.DEPUTY,
            year: state.year,
            since: state.launch?.launchedAt ?? '1970-01-01T00:00:00.000Z',
          },
        ]
      : undefined;
  return {
    userId: r.username,
    role: r.role,
    provinceCode: state.provinceCode,
    ...(r.unitCode ? { unitCode: r.unitCode } : {}),
    ...(leads ? { leads } : {}),
  };
}

const unitNameOf = (state: CycleState, code: string) => state.units.find((u) => u.code === code)?.name ?? code;

/**
 * The mails a new version of a LIVE cycle sends: a step of MAILED_CYCLE_STEPS that waits for a recipient now and did
 * not before, and a deadline the new version says was missed (units flagged late in a phase, the appraisal overdue).
 * A RECORD (a past year entered from its papers) sends none: nobody is waiting on it.
 */
export function cycleMails(
  previous: CycleState | undefined,
  next: CycleState,
  recipients: readonly CycleRecipient[],
  now: Date,
): OutboxMail[] {
  if (next.mode === 'RECORD') return [];
  const out: OutboxMail[] = [];
  const bloc = next.blocName;
  for (const r of recipients) {
    const actor = actorOf(next, r);
    const before = new Set(previous ? cycleStepsFor(previous, actorOf(previous, r), {}, now).map((s) => s.id) : []);
    const fresh: CycleStep[] = cycleStepsFor(next, actor, {}, now).filter(
      (s) => MAILED_CYCLE_STEPS.includes(s.action) && !before.has(s.id),
    );
    for (const step of fresh) {
      out.push(
        mail(
          'TASK_ASSIGNED',
          `cycle-step:${step.id}:${shortHash(step.title)}:${r.username}`,
          r,
          `Việc mới cần xử lý: ${step.title}`,
          [
            `Đồng chí có việc mới cần xử lý: ${step.title}.`,
            ...(step.unitCode ? [`Đơn vị: ${unitNameOf(next, step.unitCode)}.`] : []),
            ...(step.dueAt ? [`Hạn: ${formatDateVi(step.dueAt)}.`] : []),
          ],
          cycleStepLink(next.cycleId, step.action),
        ),
      );
    }
  }

  // Missed deadlines: units flagged late in a phase, to their heads.
  const phaseNames: Partial<Record<Phase, string>> = {
    [Phase.PLEDGE]: 'ký giao ước thi đua',
    [Phase.SELF_ASSESSMENT]: 'nộp bảng tự chấm điểm',
  };
  const deadlineOf: Partial<Record<Phase, string | undefined>> = {
    [Phase.PLEDGE]: next.launch?.pledgeDeadline,
    [Phase.SELF_ASSESSMENT]: next.launch?.selfAssessmentDeadline,
  };
  for (const [phase, units] of Object.entries(next.lateUnits ?? {}) as [Phase, string[] | undefined][]) {
    const was = new Set(previous?.lateUnits?.[phase] ?? []);
    const what = phaseNames[phase] ?? 'thực hiện bước của chu kỳ';
    for (const unitCode of (units ?? []).filter((u) => !was.has(u))) {
      for (const r of recipients.filter((x) => x.role === Role.UNIT_HEAD && x.unitCode === unitCode)) {
        const deadline = deadlineOf[phase];
        out.push(
          mail(
            'DEADLINE_MISSED',
            `cycle-late:${next.cycleId}:${phase}:${unitCode}:${r.username}`,
            r,
            `Đã quá hạn ${what} năm ${next.year}`,
            [
              `${unitNameOf(next, unitCode)} chưa ${what} năm ${next.year} của ${bloc}` +
                (deadline ? ` trước hạn ${formatDateVi(deadline)}` : '') +
                '; đơn vị đã được ghi nhận chậm hạn.',
            ],
            `/app/cycles/${encodeURIComponent(next.cycleId)}/unit`,
          ),
        );
      }
    }
  }

  // The appraisal's working-day deadline passed: to the board.
  if (next.dossier?.appraisalOverdue && !previous?.dossier?.appraisalOverdue) {
    for (const r of recipients.filter((x) => x.role === Role.BOARD_HEAD || x.role === Role.BOARD_SPECIALIST)) {
      const due = next.dossier.appraisalDueDate;
      out.push(
        mail(
          'DEADLINE_MISSED',
          `cycle-appraisal-overdue:${next.cycleId}:${r.username}`,
          r,
          `Đã quá hạn thẩm định hồ sơ năm ${next.year} – ${bloc}`,
          [
            `Hồ sơ đề nghị khen thưởng năm ${next.year} của ${bloc} chưa được duyệt kết quả thẩm định` +
              (due ? ` trong hạn (${formatDateVi(`${due}T12:00:00+07:00`)})` : '') +
              '; hồ sơ đã được ghi nhận quá hạn.',
          ],
          `/app/cycles/${encodeURIComponent(next.cycleId)}/board`,
        ),
      );
    }
  }
  return out;
}

// ---- the daily digest ----

export interface HeldMail {
  subject: string;
  link: string | null;
  createdAt: string;
}

/** One mail listing a digest reader's notifications since the last digest, oldest first. */
export function digestMail(
  to: { username: string; displayName: string },
  held: readonly HeldMail[],
  lastId: string,
  now: string,
): OutboxMail {
  const strip = (s: string) => (s.startsWith(MAIL_SUBJECT_PREFIX) ? s.slice(MAIL_SUBJECT_PREFIX.length).trim() : s);
  const lines = held.map(
    (h, i) => `${i + 1}. ${strip(h.subject)} (${formatDateVi(h.createdAt)})${h.link ? `\n   {{base}}${h.link}` : ''}`,
  );
  const body = [
    `Kính gửi ${to.displayName},`,
    '',
    `Tổng hợp ${held.length} thông báo về việc chờ đồng chí xử lý:`,
    '',
    ...lines,
    '',
    'Mở "Việc chờ xử lý": {{link}}',
    '',
    'Thư này được gửi tự động từ hệ thống quản lý thi đua – khen thưởng; xin không trả lời thư này.',
    'Đổi cách nhận thông báo tại trang "Việc chờ xử lý".',
  ].join('\n');
  return {
    kind: 'DIGEST',
    eventKey: `digest:${to.username}:${lastId}`,
    username: to.username,
    subject: nfc(`${MAIL_SUBJECT_PREFIX} Tổng hợp việc chờ xử lý ngày ${formatDateVi(now)} (${held.length} thông báo)`),
    body: nfc(body),
    link: '/app/inbox',
  };
}

/** The text sent: the link (and, in a digest, each item's) made absolute with the web app's origin. */
export function renderBody(body: string, link: string | null, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return body.replaceAll('{{link}}', link ? `${base}${link}` : `${base}/app/inbox`).replaceAll('{{base}}', base);
}
