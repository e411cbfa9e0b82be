import type { DataSource } from 'typeorm';
import { DEFAULT_RULES } from '../domain/default-rules';
import type { ProvinceRules } from '../shared/rules';

/**
 * Scenario S1 of shared/domain.md §8: Bắc Kạn, FY2020, Khối thi đua MTTQ và các đoàn thể, six units;
 * Hội LHPN leads in 2020 with LĐLĐ as deputy. The real cycle gave the Cờ thi đua của UBND tỉnh to Hội LHPN,
 * Bằng khen to Đoàn TN and Hội Nông dân, and elected LĐLĐ Trưởng khối and Đoàn TN Phó khối for 2021.
 */
export const S1_UNITS = [
  { key: 'HLHPN', name: 'Hội Liên hiệp Phụ nữ tỉnh Bắc Kạn' },
  { key: 'LDLD', name: 'Liên đoàn Lao động tỉnh Bắc Kạn' },
  { key: 'MTTQ', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Kạn' },
  { key: 'HCCB', name: 'Hội Cựu chiến binh tỉnh Bắc Kạn' },
  { key: 'HND', name: 'Hội Nông dân tỉnh Bắc Kạn' },
  { key: 'DTN', name: 'Tỉnh đoàn Bắc Kạn (Đoàn TNCS Hồ Chí Minh)' },
] as const;

export type S1UnitKey = (typeof S1_UNITS)[number]['key'];

export interface DemoProvinceOptions {
  provinceCode?: string;
  provinceName?: string;
  blocCode?: string;
  year?: number;
  rules?: ProvinceRules;
}

export interface DemoProvince {
  provinceCode: string;
  blocCode: string;
  year: number;
  unit: (key: S1UnitKey) => string;
}

/** Idempotent: safe to run on every start. */
export async function seedDemoProvince(ds: DataSource, options: DemoProvinceOptions = {}): Promise<DemoProvince> {
  const provinceCode = options.provinceCode ?? 'BK';
  const blocCode = options.blocCode ?? 'MTTQ-DT';
  const year = options.year ?? 2020;
  const unit = (key: S1UnitKey) => `${provinceCode}-${key}`;
  await ds.transaction(async (m) => {
    await m.query(
      `INSERT INTO provinces (code, name, rules) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, rules = EXCLUDED.rules`,
      [provinceCode, options.provinceName ?? 'Tỉnh Bắc Kạn (dữ liệu mẫu)', JSON.stringify(options.rules ?? DEFAULT_RULES)],
    );
    for (const u of S1_UNITS) {
      await m.query(
        `INSERT INTO units (code, province_code, name) VALUES ($1, $2, $3) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
        [unit(u.key), provinceCode, u.name],
      );
    }
    const blocs: { id: string }[] = await m.query(
      `INSERT INTO blocs (province_code, code, name) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT uq_blocs_province_code DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [provinceCode, blocCode, 'Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh'],
    );
    const blocId = blocs[0].id;
    for (const u of S1_UNITS) {
      await m.query(
        `INSERT INTO bloc_memberships (bloc_id, unit_code, from_year) VALUES ($1, $2, $3)
         ON CONFLICT ON CONSTRAINT uq_bloc_memberships DO NOTHING`,
        [blocId, unit(u.key), year],
      );
    }
    await m.query(
      `INSERT INTO bloc_leaderships (bloc_id, year, leader_unit_code, deputy_unit_code, source)
       VALUES ($1, $2, $3, $4, 'SEEDED') ON CONFLICT ON CONSTRAINT uq_bloc_leaderships_year DO NOTHING`,
      [blocId, year, unit('HLHPN'), unit('LDLD')],
    );
  });
  return { provinceCode, blocCode, year, unit };
}
