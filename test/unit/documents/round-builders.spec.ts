import { readFileSync } from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import { DOCUMENT_SPECS, ROUND_DOCUMENT_KINDS, type TagSpec } from '../../../src/documents/document-kinds';
import { renderDocx, validateTemplate } from '../../../src/documents/render';
import {
  buildCouncilMinutes,
  buildRoundDecision,
  buildRoundToTrinh,
  buildUpwardToTrinh,
  type RoundDocumentContext,
} from '../../../src/documents/round-builders';
import type { RoundItem, RoundView } from '../../../src/domain/round/types';
import { NomineeStatus } from '../../../src/shared/cycle-types';
import { AwardType } from '../../../src/shared/rules';

const { CO_THI_DUA_TINH: CO_TINH, BANG_KHEN_CHU_TICH: BANG_KHEN, CO_THI_DUA_CHINH_PHU: CO_CP } = AwardType;

const item = (id: string, o: Partial<RoundItem>): RoundItem => ({
  id,
  source: 'BLOC',
  unitCode: id,
  award: BANG_KHEN,
  status: NomineeStatus.APPROVED,
  ...o,
});

const decided = (number: string, date: string) => ({ approve: true, number, date, rulesVersion: 'BK-2017' });

/** A round over two blocs and a direct proposal, one session adjourned and one closed, two decisions, one submission. */
function round(): RoundView {
  // Decomposed on purpose: the builders must hand the templates composed text.
  const nfd = (s: string) => s.normalize('NFD');
  const members = [
    { memberId: 'm1', name: nfd('Hoàng Văn Thắng'), title: 'Phó Chủ tịch UBND tỉnh', councilRole: 'CHU_TICH' as const },
    { memberId: 'm2', name: 'Lý Thị Hồng Nhung', councilRole: 'UY_VIEN' as const },
    { memberId: 'm3', name: 'Nông Thị Huyền', councilRole: 'THU_KY' as const },
  ];
  return {
    roundId: 'round:BK:2020:1',
    provinceCode: 'BK',
    year: 2020,
    n: 1,
    title: 'Xét khen thưởng tổng kết năm 2020',
    status: 'OPEN',
    version: 12,
    rulesVersion: 'BK-2017',
    openedBy: 'truongphong.bk',
    openedAt: '2021-01-05T02:00:00.000Z',
    targets: { [CO_TINH]: 2 },
    items: [
      item('A', {
        blocCode: 'K1',
        unitName: nfd('Hội Liên hiệp Phụ nữ tỉnh'),
        award: CO_TINH,
        awardName: 'Cờ thi đua của UBND tỉnh',
        ballotVotes: 6,
        appraisal: { recommend: true, by: 'cv' },
        council: {
          sessionId: 'S2',
          votesFor: 3,
          votesAgainst: 0,
          invalid: 0,
          required: 2,
          passed: true,
          rulesVersion: 'BK-2017',
        },
        decision: decided('10/QĐ-UBND', '2021-01-20'),
      }),
      item('B', {
        blocCode: 'K2',
        unitName: 'Sở Giáo dục và Đào tạo',
        appraisal: { recommend: true, by: 'cv' },
        decision: decided('11/QĐ-UBND', '2021-01-21'),
      }),
      item('C', {
        source: 'DIRECT',
        proposer: 'Sở Y tế',
        unitName: 'Bệnh viện Đa khoa tỉnh',
        appraisal: { recommend: true, by: 'cv' },
        decision: decided('11/QĐ-UBND', '2021-01-21'),
      }),
      item('D', {
        blocCode: 'K1',
        unitName: 'Tỉnh đoàn',
        status: NomineeStatus.NOT_RECOMMENDED,
        appraisal: { recommend: false, note: 'Thiếu báo cáo thành tích', by: 'cv' },
      }),
      item('E', {
        source: 'DIRECT',
        proposer: 'Sở Công Thương',
        unitName: 'Công ty Điện lực',
        award: CO_CP,
        status: NomineeStatus.FORWARDED,
        appraisal: { recommend: true, by: 'cv' },
        council: {
          sessionId: 'S2',
          votesFor: 1,
          votesAgainst: 2,
          invalid: 0,
          required: 2,
          passed: false,
          rulesVersion: 'BK-2017',
        },
        decision: decided('10/QĐ-UBND', '2021-01-20'),
      }),
    ],
    appraisal: {
      status: 'PENDING',
      returns: [],
      approvals: [{ by: 'truongphong.bk', on: '2021-01-08', itemIds: ['A', 'B', 'C', 'D', 'E'] }],
    },
    sessions: [
      {
        id: 'S1',
        sessionDate: '2021-01-10',
        status: 'ADJOURNED',
        members,
        present: ['m1'],
        writtenVotes: [],
        quorum: { present: 1, base: 3, ratio: 0.8, required: 3, met: false },
        rulesVersion: 'BK-2017',
        votes: [],
        openedBy: 'truongphong.bk',
        adjournReason: 'Không đủ thành viên',
      },
      {
        id: 'S2',
        sessionDate: '2021-01-15',
        status: 'CLOSED',
        members,
        present: ['m1', 'm3'],
        writtenVotes: ['m2'],
        quorum: { present: 2, base: 3, ratio: 0.5, required: 2, met: true },
        rulesVersion: 'BK-2017',
        votes: [
          { itemId: 'E', votesFor: 1, votesAgainst: 2, invalid: 0, required: 2, passed: false, reason: 'Chưa đủ 5 năm dẫn đầu' },
          { itemId: 'A', votesFor: 3, votesAgainst: 0, invalid: 0, required: 2, passed: true },
        ],
        openedBy: 'truongphong.bk',
      },
    ],
    decisions: [
      {
        number: '10/QĐ-UBND',
        date: '2021-01-20',
        signedBy: 'chutich.bk',
        rulesVersion: 'BK-2017',
        itemIds: ['A', 'E'],
        approved: 2,
        rejected: 0,
      },
      {
        number: '11/QĐ-UBND',
        date: '2021-01-21',
        signedBy: 'chutich.bk',
        rulesVersion: 'BK-2017',
        itemIds: ['B', 'C'],
        approved: 2,
        rejected: 0,
      },
    ],
    submissions: [
      {
        id: 'U1',
        toTrinh: { number: '5/TTr-UBND', date: '2021-02-01' },
        itemIds: ['E'],
        status: 'SENT',
        sentOn: '2021-02-03',
        sends: [
          { sentOn: '2021-02-02', toTrinh: { number: '5/TTr-UBND', date: '2021-02-01' } },
          { sentOn: '2021-02-03', toTrinh: { number: '5/TTr-UBND', date: '2021-02-01' } },
        ],
        returns: [{ reason: 'Bổ sung biên bản', returnedOn: '2021-02-02', by: 'truongphong.bk' }],
      },
    ],
  };
}

const ctx = (): RoundDocumentContext => ({
  round: round(),
  provinceName: 'Tỉnh Bắc Kạn',
  legalBasis: { 'BK-2017': ['Luật Thi đua, khen thưởng số 06/2022/QH15'] },
  blocNames: { K1: 'Khối các đoàn thể', K2: 'Khối văn hóa - xã hội' },
  people: { 'truongphong.bk': 'Đặng Thị Thu Hà', 'chutich.bk': 'Phạm Đức Thịnh' },
});

function keysOutsideSpec(data: Record<string, unknown>, spec: TagSpec, prefix = ''): string[] {
  return Object.entries(data).flatMap(([key, value]) => {
    const entry = spec[key];
    if (entry === undefined) return [`${prefix}${key}`];
    if (Array.isArray(value) && typeof entry === 'object') {
      return value.flatMap((v) =>
        v && typeof v === 'object' ? keysOutsideSpec(v as Record<string, unknown>, entry, `${prefix}${key}.`) : [],
      );
    }
    return [];
  });
}

const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(strings)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(strings)
        : [];

describe('round document builders (round state → template data)', () => {
  it('given the approved appraisal, should group the proposals by award across blocs and name the head who approved', () => {
    const data = buildRoundToTrinh(ctx());
    expect(
      (data.groups as { awardName: string; count: number; rows: { unitName: string; proposedBy: string }[] }[]).map((g) => [
        g.awardName,
        g.count,
        g.rows.map((r) => r.proposedBy),
      ]),
    ).toEqual([
      ['Cờ thi đua của UBND tỉnh', 1, ['Khối các đoàn thể']],
      ['Bằng khen của Chủ tịch UBND tỉnh', 2, ['Khối văn hóa - xã hội', 'Sở Y tế']],
      ['Cờ thi đua của Chính phủ', 1, ['Sở Công Thương']],
    ]);
    expect(data).toMatchObject({
      itemCount: 4,
      blocCount: 2,
      signerName: 'Đặng Thị Thu Hà',
      placeDate: 'Bắc Kạn, ngày 08 tháng 01 năm 2021',
      notRecommended: [
        { unitName: 'Tỉnh đoàn', awardName: 'Bằng khen của Chủ tịch UBND tỉnh', reason: 'Thiếu báo cáo thành tích' },
      ],
    });
  });

  it('given a closed session, should give attendance with written votes apart, votes per item by award, and reasons', () => {
    const data = buildCouncilMinutes(ctx(), 'S2');
    expect(data).toMatchObject({
      presentCount: 2,
      writtenCount: 1,
      absentCount: 0,
      chairedBy: 'Hoàng Văn Thắng, Chủ tịch Hội đồng',
      passedCount: 1,
      rejectedCount: 1,
      rejections: [{ unitName: 'Công ty Điện lực', reason: 'Chưa đủ 5 năm dẫn đầu' }],
      signers: [
        { role: 'THƯ KÝ HỘI ĐỒNG', name: 'Nông Thị Huyền' },
        { role: 'CHỦ TỊCH HỘI ĐỒNG', name: 'Hoàng Văn Thắng' },
      ],
    });
    // The flag before the Cờ CP, whatever order the secretary entered them in.
    expect((data.votes as { unitName: string }[]).map((v) => v.unitName)).toEqual([
      'Hội Liên hiệp Phụ nữ tỉnh',
      'Công ty Điện lực',
    ]);
    const adjourned = buildCouncilMinutes(ctx(), 'S1');
    expect(adjourned).toMatchObject({
      adjourned: true,
      hasVotes: false,
      absentCount: 2,
      resultText: 'Phiên họp hoãn. Lý do: Không đủ thành viên.',
    });
  });

  it('given a decision, should annex its awardees across blocs and direct proposals and keep the Cờ CP apart as a proposal', () => {
    const first = buildRoundDecision(ctx(), '10/QĐ-UBND');
    expect(first).toMatchObject({
      number: '10/QĐ-UBND',
      dateText: 'ngày 20 tháng 01 năm 2021',
      signerName: 'Phạm Đức Thịnh',
      rulesVersion: 'BK-2017',
      awardeeCount: 1,
      annex: [
        { stt: 1, name: 'Hội Liên hiệp Phụ nữ tỉnh', awardName: 'Cờ thi đua của UBND tỉnh', proposedBy: 'Khối các đoàn thể' },
      ],
      hasForwarded: true,
      forwarded: [{ stt: 1, name: 'Công ty Điện lực', proposedBy: 'Sở Công Thương' }],
    });
    const second = buildRoundDecision(ctx(), '11/QĐ-UBND');
    expect((second.annex as { name: string }[]).map((a) => a.name)).toEqual(['Sở Giáo dục và Đào tạo', 'Bệnh viện Đa khoa tỉnh']);
    expect(second.hasForwarded).toBe(false);
  });

  it('given a submission returned once and sent again, should give the tờ trình upward its number, the deciding decision and the return', () => {
    const data = buildUpwardToTrinh(ctx(), 'U1');
    expect(data).toMatchObject({
      number: '5/TTr-UBND',
      placeDate: 'Bắc Kạn, ngày 01 tháng 02 năm 2021',
      signerName: 'Phạm Đức Thịnh',
      decisionsText: 'Quyết định số 10/QĐ-UBND ngày 20 tháng 01 năm 2021',
      candidates: [{ stt: 1, unitName: 'Công ty Điện lực', votesText: '1 (cần 2)', decision: '10/QĐ-UBND ngày 20/01/2021' }],
      hasResends: true,
      resendsText: 'lần 1 ngày 02/02/2021: Bổ sung biên bản',
    });
  });

  it('given every round builder, should give NFC strings only, no key outside its kind, and render its built-in template', () => {
    const c = ctx();
    const built = {
      'to-trinh-de-nghi-khen-thuong': buildRoundToTrinh(c),
      'bien-ban-hop-hoi-dong': buildCouncilMinutes(c, 'S2'),
      'quyet-dinh-khen-thuong': buildRoundDecision(c, '10/QĐ-UBND'),
      'to-trinh-co-thi-dua-chinh-phu': buildUpwardToTrinh(c, 'U1'),
    };
    for (const kind of ROUND_DOCUMENT_KINDS) {
      expect(keysOutsideSpec(built[kind], DOCUMENT_SPECS[kind].tags)).toEqual([]);
      for (const s of strings(built[kind])) expect(s).toBe(s.normalize('NFC'));
      const template = readFileSync(path.resolve(__dirname, `../../../templates/documents/${kind}.docx`));
      validateTemplate(kind, template);
      const xml = new PizZip(renderDocx(template, built[kind])).file('word/document.xml')!.asText();
      expect(xml).not.toMatch(/\{[#/^]?[A-Za-z.]+\}/);
    }
  });
});
