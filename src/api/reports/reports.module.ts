import { Module } from '@nestjs/common';
import { NominationsService } from './nominations.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({ controllers: [ReportsController], providers: [NominationsService, ReportsService], exports: [NominationsService] })
export class ReportsModule {}
