import type * as ExcelJS from 'exceljs';
import { excel } from './excel';
import {
  groupNominations,
  NOMINATION_OUTCOMES,
  OUTCOME_VI,
  outcomeOf,
  type CountedNomination,
  type NominationOutcome,
  type NominationReason,
  type ReportGrouping,
} from '../domain/nomination-report';

/** What the export writes of one nomination (the API's item). */
export interface ExportedNomination extends CountedNomination {
  sourceName: string;
  proposer: string | null;
  statusName: string;
  ballotVotes: number | null;
  councilVotes: number | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  rulesVersion: string;
  reasons: NominationReason[];
}

/** One sheet per grouping, in this order, then the items. Names are the sheets' (at most 31 characters). */
export const GROUP_SHEETS: readonly { by: ReportGrouping; sheet: string; header: string }[] = [
  { by: 'bloc', sheet: 'Theo khối, cụm', header: 'Khối, cụm thi đua' },
  { by: 'award', sheet: 'Theo hình thức', header: 'Hình thức khen thưởng' },
  { by: 'status', sheet: 'Theo trạng thái', header: 'Trạng thái' },
  { by: 'unit', sheet: 'Theo đơn vị', header: 'Đơn vị' },
];
export const ITEMS_SHEET = 'Danh sách đề nghị';
export const TOTAL_HEADER = 'Tổng số đề nghị';
export const TOTALS_ROW = 'Tổng cộng';

export const ITEM_COLUMNS = [
  { header: 'STT', width: 6 },
  { header: 'Khối, cụm thi đua', width: 40 },
  { header: 'Đơn vị', width: 40 },
  { header: 'Hình thức khen thưởng', width: 32 },
  { header: 'Nguồn đề nghị', width: 30 },
  { header: 'Cơ quan đề nghị trực tiếp', width: 30 },
  { header: 'Trạng thái', width: 30 },
  { header: 'Kết quả', width: 22 },
  { header: 'Số phiếu bình xét', width: 12 },
  { header: 'Số phiếu Hội đồng', width: 12 },
  { header: 'Số quyết định', width: 18 },
  { header: 'Ngày quyết định', width: 14 },
  { header: 'Phiên bản quy định', width: 22 },
  { header: 'Lý do', width: 70 },
] as const;

const isoToDate = (iso: string): Date => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};

const bold = (row: ExcelJS.Row) => {
  row.font = { bold: true };
};

/**
 * The board's report as a workbook: one sheet per grouping (bloc, award kind, status, unit), each with its count per
 * outcome and a totals row, and the sheet of every nomination with its reasons. Vietnamese headers, names not codes,
 * dates as Excel dates shown dd/mm/yyyy.
 */
export async function writeNominationReport(
  title: { provinceName: string; year: number },
  items: readonly ExportedNomination[],
): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  wb.creator = 'thidua';
  wb.title = `Báo cáo đề nghị khen thưởng năm ${title.year} – ${title.provinceName}`.normalize('NFC');
  for (const { by, sheet, header } of GROUP_SHEETS) {
    const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header, width: 48 },
      { header: TOTAL_HEADER, width: 16 },
      ...NOMINATION_OUTCOMES.map((o) => ({ header: OUTCOME_VI[o], width: 20 })),
    ];
    bold(ws.getRow(1));
    const { groups, totals } = groupNominations(items, by);
    const line = (g: { name: string; total: number; outcomes: Record<NominationOutcome, number> }) => [
      g.name,
      g.total,
      ...NOMINATION_OUTCOMES.map((o) => g.outcomes[o]),
    ];
    for (const g of groups) ws.addRow(line(g));
    bold(ws.addRow(line({ ...totals, name: TOTALS_ROW })));
  }
  const ws = wb.addWorksheet(ITEMS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ITEM_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getColumn(12).numFmt = 'dd/mm/yyyy';
  ws.getColumn(14).alignment = { wrapText: true, vertical: 'top' };
  bold(ws.getRow(1));
  items.forEach((n, i) => {
    ws.addRow([
      i + 1,
      n.blocName ?? '',
      n.unitName,
      n.awardName,
      n.sourceName,
      n.proposer ?? '',
      n.statusName,
      OUTCOME_VI[outcomeOf(n.status)],
      n.ballotVotes,
      n.councilVotes,
      n.decisionNumber ?? '',
      n.decisionDate ? isoToDate(n.decisionDate) : null,
      n.rulesVersion,
      n.reasons.map((r) => r.text).join('\n'),
    ]);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
