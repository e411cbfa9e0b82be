import { humanize, namesOf, type Names } from '../../../web/src/lib/humanize';

const names: Names = namesOf({
  units: [
    { code: 'BK-HLHPN', name: 'Hội Liên hiệp Phụ nữ tỉnh' },
    { code: 'BK-LDLD', name: 'Liên đoàn Lao động tỉnh' },
  ],
  blocCode: 'MTTQ-DT',
  blocName: 'Khối thi đua MTTQ và các đoàn thể tỉnh',
  provinceCode: 'BK',
  provinceName: 'Tỉnh Bắc Kạn',
  rulesVersion: 'BK-ND91-2017',
  rulesLegalBasis: ['Nghị định 91/2017/NĐ-CP'],
});

describe('web: summaries as people read them (names for codes, dd/mm/yyyy dates)', () => {
  it('given ISO instants and dates in a summary, should write them dd/mm/yyyy (HH:mm in Vietnam time)', () => {
    expect(humanize('Mở tự chấm điểm, hạn 2027-02-05T16:59:59.000Z', names)).toBe('Mở tự chấm điểm, hạn 05/02/2027 23:59');
    expect(humanize('Hội đồng họp ngày 2021-01-12', names)).toBe('Hội đồng họp ngày 12/01/2021');
  });

  it('given unit, bloc and province codes, should name them, the longest code first', () => {
    expect(humanize('BK-HLHPN ký giao ước (khối MTTQ-DT, Tỉnh BK)', names)).toBe(
      'Hội Liên hiệp Phụ nữ tỉnh ký giao ước (khối Khối thi đua MTTQ và các đoàn thể tỉnh, Tỉnh Bắc Kạn)',
    );
    expect(humanize('Phiếu của BK-LDLD; tỉnh BK', names)).toBe('Phiếu của Liên đoàn Lao động tỉnh; Tỉnh Bắc Kạn');
  });

  it('given the rule-set version, should keep its code with the legal basis beside it, and leave other tokens alone', () => {
    expect(humanize('theo bộ quy tắc BK-ND91-2017', names)).toBe('theo bộ quy tắc BK-ND91-2017 (Nghị định 91/2017/NĐ-CP)');
    expect(humanize('BK-HLHPN-2 và XBK không phải mã đã biết', names)).toBe('BK-HLHPN-2 và XBK không phải mã đã biết');
  });
});
