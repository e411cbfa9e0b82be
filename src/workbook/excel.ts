import type * as ExcelJS from 'exceljs';

/**
 * exceljs, required on first use: it is megabytes of code and heap that only the workbook and report routes need,
 * so the API does not carry it from start-up and the worker never loads it.
 */
export function excel(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('exceljs') as typeof ExcelJS;
}
