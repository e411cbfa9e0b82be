import { Module } from '@nestjs/common';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';
import { DelegationsService } from './delegations.service';

@Module({
  controllers: [ApprovalsController],
  providers: [ApprovalsService, DelegationsService],
  exports: [ApprovalsService],
})
export class ApprovalsModule {}
