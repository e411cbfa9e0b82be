import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { groupNominations, type ReportGrouping } from '../../domain/nomination-report';
import type { Actor } from '../../shared/actors';
import { writeNominationReport } from '../../workbook/nomination-report';
import { NominationsService, type NominationItem } from './nominations.service';

/**
 * The board's report over its own province's nominations of a year: the groups with their counts per outcome, the
 * totals row, and every item with its reasons; the workbook writes the same rows, counted by the same function.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly nominations: NominationsService,
  ) {}

  private async itemsOf(
    actor: Actor,
    year: number,
  ): Promise<{ provinceCode: string; provinceName: string; items: NominationItem[] }> {
    // Board roles always act in a province (the route admits no other): the report is that province's.
    const provinceCode = actor.provinceCode ?? '';
    const rows: { name: string }[] = await this.dataSource.query(`SELECT name FROM provinces WHERE code = $1`, [provinceCode]);
    const items = await this.nominations.all(actor, { provinceCode, year });
    return { provinceCode, provinceName: rows[0]?.name ?? provinceCode, items };
  }

  async report(actor: Actor, year: number, groupBy: ReportGrouping) {
    const { provinceCode, provinceName, items } = await this.itemsOf(actor, year);
    const { groups, totals } = groupNominations(items, groupBy);
    return { provinceCode, provinceName, year, groupBy, groups, totals, items };
  }

  async workbook(actor: Actor, year: number): Promise<{ file: Buffer; name: string }> {
    const { provinceCode, provinceName, items } = await this.itemsOf(actor, year);
    return {
      file: await writeNominationReport({ provinceName, year }, items),
      name: `de-nghi-khen-thuong-${provinceCode}-${year}.xlsx`,
    };
  }
}
