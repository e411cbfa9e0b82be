import {
  cycleMembershipDate,
  inForce,
  isCalendarDate,
  normaliseText,
  overlaps,
  validateBloc,
  validateEnd,
  validateLeadership,
  validateMembership,
  validateProvince,
  validateUnit,
  type Validated,
} from '../../src/domain/organisation';

function fields<T>(result: Validated<T>): string[] {
  return result.ok ? [] : result.problems.map((p) => p.field).sort();
}

describe('Organisation master data validation', () => {
  it('given NFD text with spaces around and inside, should store it NFC, trimmed, single-spaced', () => {
    const nfd = '  Hội   Liên hiệp Phụ nữ  '.normalize('NFD');
    expect(normaliseText(nfd)).toBe('Hội Liên hiệp Phụ nữ');
    const result = validateUnit({ code: ' BK-HLHPN ', name: nfd });
    expect(result).toEqual({
      ok: true,
      value: {
        code: 'BK-HLHPN',
        name: 'Hội Liên hiệp Phụ nữ',
        shortName: null,
        kind: 'KHAC',
        parentCode: null,
        headCount: null,
        womenRatio: null,
        validFrom: '2000-01-01',
      },
    });
  });

  it('given a unit with every field wrong, should name each field with a Vietnamese message', () => {
    const result = validateUnit({
      code: 'mã có dấu',
      name: '',
      kind: 'BANK',
      headCount: 2.5,
      womenRatio: 1.2,
      validFrom: '2025-02-29',
      colour: 'đỏ',
    });
    expect(fields(result)).toEqual(['code', 'colour', 'headCount', 'kind', 'name', 'validFrom', 'womenRatio']);
    if (!result.ok) for (const p of result.problems) expect(p.messageVi).toMatch(/\p{L}/u);
  });

  it('given a control character in a name, should refuse it', () => {
    expect(fields(validateUnit({ code: 'A', name: 'a\u0000b' }))).toEqual(['name']);
  });

  it('given a women ratio, should keep four decimals and refuse more', () => {
    const ok = validateUnit({ code: 'A', name: 'Đơn vị', womenRatio: 0.4567 });
    expect(ok.ok && ok.value).toMatchObject({ womenRatio: '0.4567' });
    expect(fields(validateUnit({ code: 'A', name: 'Đơn vị', womenRatio: 0.12345 }))).toEqual(['womenRatio']);
  });

  it('given a unit that is its own parent, should refuse the parent', () => {
    expect(fields(validateUnit({ code: 'A', name: 'Đơn vị', parentCode: 'A' }))).toEqual(['parentCode']);
  });

  it('given an edit, should take only the fields given and refuse a code', () => {
    expect(validateUnit({ shortName: null, headCount: 30 }, { partial: true })).toEqual({
      ok: true,
      value: { shortName: null, headCount: 30 },
    });
    expect(fields(validateUnit({ code: 'B' }, { partial: true }))).toEqual(['code']);
    expect(fields(validateUnit({ name: null }, { partial: true }))).toEqual(['name']);
  });

  it('given a bloc, should default to a khối, accept a cụm in any case, and refuse years in the wrong order', () => {
    expect(validateBloc({ code: 'K1', name: 'Khối 1', fromYear: 2024 })).toMatchObject({
      ok: true,
      value: { kind: 'KHOI', toYear: null },
    });
    expect(validateBloc({ code: 'C1', name: 'Cụm 1', kind: 'cum', fromYear: 2024 })).toMatchObject({
      ok: true,
      value: { kind: 'CUM' },
    });
    expect(fields(validateBloc({ code: 'K1', name: 'Khối 1', fromYear: 2025, toYear: 2024 }))).toEqual(['toYear']);
    expect(fields(validateBloc({ code: 'K1', name: 'Khối 1', kind: 'TO', fromYear: '2024' }))).toEqual(['fromYear', 'kind']);
  });

  it('given a membership, should require a real start date and an end after it', () => {
    expect(validateMembership({ unitCode: 'A', validFrom: '2024-01-01' })).toEqual({
      ok: true,
      value: { unitCode: 'A', validFrom: '2024-01-01', validTo: null, endCurrent: false },
    });
    expect(fields(validateMembership({ unitCode: 'A', validFrom: '2024-01-01', validTo: '2024-01-01' }))).toEqual(['validTo']);
    expect(fields(validateMembership({ unitCode: 'A', validFrom: '01/01/2024', endCurrent: 'yes' }))).toEqual([
      'endCurrent',
      'validFrom',
    ]);
  });

  it('given a leadership, should refuse the same unit as leader and deputy', () => {
    expect(fields(validateLeadership({ leaderUnitCode: 'A', deputyUnitCode: 'A' }))).toEqual(['deputyUnitCode']);
    expect(fields(validateLeadership({ leaderUnitCode: 'A' }))).toEqual(['deputyUnitCode']);
  });

  it('given a province and an end, should check codes and dates', () => {
    expect(fields(validateProvince({ code: 'X'.repeat(33), name: 'Tỉnh' }))).toEqual(['code']);
    expect(fields(validateEnd({ on: '2026-13-01' }))).toEqual(['on']);
    expect(fields(validateEnd({ on: '2026-01-01', successorCode: 'B' }))).toEqual(['successorCode']);
    expect(validateEnd({ on: '2026-01-01', successorCode: 'B' }, { successor: true })).toEqual({
      ok: true,
      value: { on: '2026-01-01', successorCode: 'B' },
    });
    expect(fields(validateProvince('BK'))).toEqual(['']);
  });

  it('given dated intervals with exclusive ends, should tell what is in force and what overlaps', () => {
    const a = { validFrom: '2024-01-01', validTo: '2024-07-01' };
    const b = { validFrom: '2024-07-01', validTo: null };
    expect(inForce(a, '2024-06-30')).toBe(true);
    expect(inForce(a, '2024-07-01')).toBe(false);
    expect(inForce(b, '2024-07-01')).toBe(true);
    expect(overlaps(a, b)).toBe(false);
    expect(overlaps(a, { validFrom: '2024-06-30', validTo: '2024-08-01' })).toBe(true);
    expect(overlaps(b, { validFrom: '2030-01-01', validTo: null })).toBe(true);
    expect(cycleMembershipDate(2025)).toBe('2025-01-01');
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
  });
});
