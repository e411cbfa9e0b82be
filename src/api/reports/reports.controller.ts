import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Role, type Actor } from '../../shared/actors';
import { XLSX_MIME } from '../../workbook/writer';
import { AllowRoles, CurrentActor } from '../common/actor';
import { Documented } from '../common/documented';
import { NominationExportQueryDto, NominationReportQueryDto } from '../read-model/read-model.dto';
import { NominationReportView } from './nominations.views';
import { ReportsService } from './reports.service';

/** The board's reports over the nominations of its province (Phòng/Ban Thi đua – Khen thưởng). */
@ApiTags('reports')
@AllowRoles(Role.BOARD_SPECIALIST, Role.BOARD_HEAD)
@Controller({ path: 'reports', version: '1' })
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('nominations')
  @Documented('Báo cáo đề nghị khen thưởng của tỉnh trong năm, theo khối, hình thức, trạng thái hoặc đơn vị, có dòng tổng', {
    ok: { type: NominationReportView },
  })
  nominations(@CurrentActor() actor: Actor, @Query() query: NominationReportQueryDto) {
    return this.reports.report(actor, query.year, query.groupBy ?? 'bloc');
  }

  @Get('nominations/export')
  @Documented(
    'Xuất báo cáo đề nghị khen thưởng ra tệp Excel (.xlsx): mỗi cách nhóm một trang tính có dòng tổng, và danh sách đề nghị với lý do',
    {
      ok: { status: 200, description: 'The report workbook' },
    },
  )
  @ApiResponse({
    status: 200,
    description: 'The report workbook (.xlsx)',
    content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } },
  })
  async export(@CurrentActor() actor: Actor, @Query() query: NominationExportQueryDto, @Res() res: Response): Promise<void> {
    const { file, name } = await this.reports.workbook(actor, query.year);
    res.setHeader('Content-Type', XLSX_MIME);
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.end(file);
  }
}
