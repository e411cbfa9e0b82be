import { Module } from '@nestjs/common';
import { InvitationsController, WorkbookController } from './workbook.controller';
import { WorkbookService } from './workbook.service';

/** The organisation workbook (Excel import and export) and the invitations of the accounts it creates. */
@Module({
  controllers: [WorkbookController, InvitationsController],
  providers: [WorkbookService],
  exports: [WorkbookService],
})
export class WorkbookModule {}
