import { Module } from '@nestjs/common';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';
import { CycleStepsService } from './cycle-steps';
import { DelegationsService } from './delegations.service';

@Module({
  controllers: [ApprovalsController],
  providers: [ApprovalsService, DelegationsService, CycleStepsService],
  exports: [ApprovalsService, CycleStepsService],
})
export class ApprovalsModule {}
