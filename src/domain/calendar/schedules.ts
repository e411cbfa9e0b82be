/**
 * Published holiday schedules for cán bộ, công chức, viên chức (the civil service; private employers choose their
 * own within the law). Compensatory days under Art. 111(3) are not listed: WorkingCalendar derives them, and the tests
 * check the result against the published totals.
 *
 * A schedule is data: add a year when its notice is published, and never edit a year that running workflows have
 * already used for their deadlines.
 */
import { type HolidayAdjustments } from './holidays';

export const CIVIL_SERVICE_SCHEDULES: readonly HolidayAdjustments[] = [
  {
    year: 2024,
    basis:
      'Thông báo 5015/TB-LĐTBXH ngày 22/11/2023 (Tết Âm lịch, Quốc khánh; theo Công văn 8662/VPCP-KGVX ngày 03/11/2023); ' +
      'Công văn 2450/VPCP-KGVX ngày 12/4/2024 (hoán đổi dịp 30/4–1/5)',
    tetDaysBefore: 2,
    nationalDayAdjacent: 'after',
    extraDaysOff: ['2024-04-29'],
    extraWorkingDays: ['2024-05-04'],
    note:
      'Tết 08/02–14/02 (29 tháng Chạp Quý Mão – mùng 5 Giáp Thìn): 5 ngày Tết và 2 ngày nghỉ bù cho thứ Bảy, Chủ nhật. ' +
      '30/4–1/5: nghỉ 27/4–01/5, hoán đổi thứ Hai 29/4 sang thứ Bảy 04/5. Quốc khánh 31/8–03/9 (2/9 và 3/9).',
  },
  {
    year: 2025,
    basis:
      'Thông báo 6150/TB-LĐTBXH (2024), thực hiện Công văn 8726/VPCP-KGVX ngày 26/11/2024 ' +
      '(Tết Âm lịch, 30/4–1/5, Quốc khánh năm 2025)',
    tetDaysBefore: 2,
    nationalDayAdjacent: 'before',
    extraDaysOff: ['2025-05-02'],
    extraWorkingDays: ['2025-04-26'],
    note:
      'Tết 25/01–02/02 (26 tháng Chạp Giáp Thìn – mùng 5 Ất Tỵ): 5 ngày Tết 27/01–31/01 và 4 ngày cuối tuần. ' +
      '30/4–1/5: nghỉ 30/4–04/5, hoán đổi thứ Sáu 02/5 sang thứ Bảy 26/4. Quốc khánh 30/8–02/9 (1/9 và 2/9).',
  },
  {
    year: 2026,
    basis:
      'Thông báo 9441/TB-BNV ngày 16/10/2025 (Tết Âm lịch, Quốc khánh; Thủ tướng đồng ý ngày 13/10/2025); ' +
      'Công văn 12729/VPCP-KGVX ngày 25/12/2025 (Tết Dương lịch)',
    tetDaysBefore: 1,
    nationalDayAdjacent: 'before',
    extraDaysOff: ['2026-01-02', '2026-08-31'],
    extraWorkingDays: ['2026-01-10', '2026-08-22'],
    note:
      'Tết Dương lịch 01/01–04/01, hoán đổi thứ Sáu 02/01 sang thứ Bảy 10/01. Tết 14/02–22/02: 5 ngày Tết 16/02–20/02 ' +
      '(29 tháng Chạp Ất Tỵ – mùng 4 Bính Ngọ) và 4 ngày cuối tuần. Giỗ Tổ 26/4 là Chủ nhật: nghỉ bù thứ Hai 27/4. ' +
      'Không có hoán đổi dịp 30/4–1/5 (Bộ Nội vụ, 03/2026). Quốc khánh 29/8–02/9 (1/9 và 2/9), ' +
      'hoán đổi thứ Hai 31/8 sang thứ Bảy 22/8. Ngày Văn hóa Việt Nam 24/11 chưa là ngày nghỉ lễ (chỉ mới đề xuất).',
  },
];
