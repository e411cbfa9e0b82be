import { readFileSync } from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import {
  buildAchievementReport,
  buildConferenceMinutes,
  buildCycleDecision,
  buildDecision,
  buildPledge,
  buildToTrinh,
  buildVoteCountMinutes,
  cycleAwardees,
} from '../../../src/documents/builders';
import { DOCUMENT_KINDS, DOCUMENT_SPECS, type TagSpec } from '../../../src/documents/document-kinds';
import { renderDocx } from '../../../src/documents/render';
import { context, decidedState } from './fixture';

const templates = path.resolve(__dirname, '../../../templates/documents');

/** Every key of a builder's data is one its kind's template may use (else a clerk could not place it). */
function keysOutsideSpec(data: Record<string, unknown>, spec: TagSpec, prefix = ''): string[] {
  return Object.entries(data).flatMap(([key, value]) => {
    const entry = spec[key];
    if (entry === undefined) return [`${prefix}${key}`];
    if (Array.isArray(value) && typeof entry === 'object') {
      return value.flatMap((item) =>
        item && typeof item === 'object' ? keysOutsideSpec(item as Record<string, unknown>, entry, `${prefix}${key}.`) : [],
      );
    }
    return [];
  });
}

const everyString = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(everyString)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(everyString)
        : [];

describe('document builders (cycle state → template data)', () => {
  const ctx = context();

  it('given the pledge, should list every unit with its signing date as dd/mm/yyyy, the unsigned and the late ones marked', () => {
    const data = buildPledge(ctx);
    expect(data.signatures).toEqual([
      { stt: 1, unitName: 'Hội Liên hiệp Phụ nữ tỉnh Bắc Kạn', signedOnText: '05/02/2020', note: '' },
      { stt: 2, unitName: 'Liên đoàn Lao động tỉnh Bắc Kạn', signedOnText: '06/02/2020', note: '' },
      { stt: 3, unitName: 'Tỉnh đoàn Bắc Kạn (Đoàn TNCS Hồ Chí Minh)', signedOnText: '09/03/2020', note: 'Ký muộn' },
      { stt: 4, unitName: 'Hội Nông dân tỉnh Bắc Kạn', signedOnText: 'Chưa ký', note: '' },
    ]);
    expect(data.placeDate).toBe('Bắc Kạn, ngày 03 tháng 02 năm 2020');
    expect(data).toMatchObject({ signedCount: 3, unitCount: 4, issuerParent: 'UBND TỈNH BẮC KẠN' });
  });

  it('given the conference minutes, should give quorum, ranking with decimal commas, decisions and the number of rounds', () => {
    const data = buildConferenceMinutes(ctx);
    expect(data.heldOnText).toBe('ngày 29 tháng 12 năm 2020');
    expect(data.quorumText).toBe(
      'Số đơn vị dự họp: 4/4 (100%); tỷ lệ tối thiểu theo quy chế: 66,67% (3 đơn vị). Hội nghị đủ điều kiện tiến hành.',
    );
    expect(data.ranking).toContainEqual({
      rank: 2,
      unitName: 'Tỉnh đoàn Bắc Kạn (Đoàn TNCS Hồ Chí Minh)',
      totalText: '92,5',
      selfTotalText: '92,5',
    });
    expect(data.roundCount).toBe(2);
    expect(data.decisions).toEqual([
      'Đề nghị tặng Cờ thi đua của UBND tỉnh cho 1 tập thể: Hội Liên hiệp Phụ nữ tỉnh Bắc Kạn',
      'Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho 1 tập thể: Tỉnh đoàn Bắc Kạn (Đoàn TNCS Hồ Chí Minh)',
    ]);
    expect(data.adjustments).toEqual([
      {
        unitName: 'Hội Liên hiệp Phụ nữ tỉnh Bắc Kạn',
        criterion: 'Công tác xây dựng tổ chức',
        pointsText: '56',
        reason: 'Thiếu minh chứng một hoạt động',
      },
    ]);
    expect(data.chairedBy).toContain('Hội Liên hiệp Phụ nữ tỉnh Bắc Kạn');
  });

  it('given two ballot rounds, should give each round its papers, votes, ratios and results (a tie in the first)', () => {
    const data = buildVoteCountMinutes(ctx) as {
      rounds: { awards: { candidates: unknown[]; thresholdText: string }[]; issued: number }[];
    };
    expect(data.rounds).toHaveLength(2);
    expect(data.rounds[0].awards[0].candidates).toEqual([
      { stt: 1, unitName: 'Hội Liên hiệp Phụ nữ tỉnh Bắc Kạn', votes: 2, ratio: '50%', result: 'Bằng phiếu' },
      { stt: 2, unitName: 'Liên đoàn Lao động tỉnh Bắc Kạn', votes: 2, ratio: '50%', result: 'Bằng phiếu' },
    ]);
    expect(data.rounds[1].awards[0].candidates[0]).toMatchObject({ votes: 4, ratio: '100%', result: 'Trúng cử' });
    expect(data.rounds[0].awards[0].thresholdText).toBe('tối thiểu 4 phiếu (80% tổng số đơn vị thành viên: 4)');
  });

  it('given the dossier, should give the tờ trình its number, date, legal basis and nominees by name', () => {
    const data = buildToTrinh(ctx);
    expect(data).toMatchObject({ number: '15/TTr-KTĐ', placeDate: 'Bắc Kạn, ngày 30 tháng 12 năm 2020', nomineeCount: 2 });
    expect(data.legalBasis).toEqual(ctx.legalBasis);
    expect((data.nominees as { unitName: string }[]).map((n) => n.unitName)).toEqual([
      'Hội Liên hiệp Phụ nữ tỉnh Bắc Kạn',
      'Tỉnh đoàn Bắc Kạn (Đoàn TNCS Hồ Chí Minh)',
    ]);
  });

  it('given a nominee, should prefill the achievement report with self and verified scores, rank, rating and earlier awards', () => {
    const data = buildAchievementReport(ctx, 'DTN');
    expect(data.scores).toEqual([
      { code: 'TC1', name: 'Thực hiện nhiệm vụ chính trị được giao', maxText: '40', selfText: '38', pointsText: '38' },
      { code: 'TC2', name: 'Công tác xây dựng tổ chức', maxText: '60', selfText: '54,5', pointsText: '54,5' },
    ]);
    expect(data).toMatchObject({ totalText: '92,5', rank: 2, ratingText: 'hoàn thành xuất sắc nhiệm vụ', hasAwards: true });
    expect(data.formBasis).toContain('Nghị định 91/2017/NĐ-CP');
    expect(data.awards).toEqual([
      { year: 2019, awardName: 'Bằng khen của Chủ tịch UBND tỉnh', decision: 'Quyết định số 98/QĐ-UBND ngày 15/01/2020' },
    ]);
    expect(() => buildAchievementReport(ctx, 'LDLD')).toThrow('not a nominee');
  });

  it('given the decisions, should take only the approved nominees as awardees, with the decision number and date in words', () => {
    expect(cycleAwardees(decidedState())?.awardees).toEqual([
      { name: 'Hội Liên hiệp Phụ nữ tỉnh Bắc Kạn', awardName: 'Cờ thi đua của UBND tỉnh' },
    ]);
    const data = buildCycleDecision(ctx);
    expect(data).toMatchObject({
      number: '125/QĐ-UBND',
      dateText: 'ngày 20 tháng 01 năm 2021',
      placeDate: 'Bắc Kạn, ngày 20 tháng 01 năm 2021',
      issuerName: 'ỦY BAN NHÂN DÂN TỈNH BẮC KẠN',
      signAuthority: 'CHỦ TỊCH',
      awardeeCount: 1,
    });
  });

  it('given any list of 500 awardees and a vice-chairman signing, should build and render an annex of 500 rows under KT. CHỦ TỊCH', () => {
    const awardees = Array.from({ length: 500 }, (_, i) => ({
      name: `Trường Tiểu học số ${i + 1} xã Đồng Tâm`,
      awardName: 'Bằng khen của Chủ tịch UBND tỉnh',
    }));
    const data = buildDecision({
      provinceName: 'Tỉnh Bắc Ninh',
      number: '2034/QĐ-UBND',
      date: '2025-12-29',
      year: 2025,
      legalBasis: ['Nghị định 152/2025/NĐ-CP'],
      proposer: 'Giám đốc Sở Nội vụ',
      awardees,
      signedFor: true,
    });
    expect(data).toMatchObject({
      signAuthority: 'KT. CHỦ TỊCH',
      signTitle: 'PHÓ CHỦ TỊCH',
      placeDate: 'Bắc Ninh, ngày 29 tháng 12 năm 2025',
    });
    const docx = renderDocx(readFileSync(path.join(templates, 'quyet-dinh.docx')), data);
    const xml = new PizZip(docx).file('word/document.xml')!.asText();
    expect(xml.match(/Trường Tiểu học số \d+ xã Đồng Tâm/g)).toHaveLength(500);
    expect(xml).toContain('Trường Tiểu học số 500 xã Đồng Tâm');
  });

  it('given every builder, should give NFC strings only and no key its template may not hold', () => {
    const built: Record<string, Record<string, unknown>> = {
      'giao-uoc': buildPledge(ctx),
      'bien-ban-hoi-nghi': buildConferenceMinutes(ctx),
      'bien-ban-kiem-phieu': buildVoteCountMinutes(ctx),
      'to-trinh': buildToTrinh(ctx),
      'bao-cao-thanh-tich': buildAchievementReport(ctx, 'DTN'),
      'quyet-dinh': buildCycleDecision(ctx),
    };
    for (const kind of DOCUMENT_KINDS) {
      expect(keysOutsideSpec(built[kind], DOCUMENT_SPECS[kind].tags)).toEqual([]);
      for (const s of everyString(built[kind])) expect(s).toBe(s.normalize('NFC'));
    }
    expect(JSON.stringify(built)).toContain('Hội Nông dân tỉnh Bắc Kạn');
  });
});
