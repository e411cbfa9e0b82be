import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/config';
import { dataSourceOptions } from '../db/data-source';
import { AuditModule } from './audit/audit.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { AuthModule } from './auth/auth.module';
import { AuthGuard } from './common/actor';
import { ErrorFilter } from './common/error.filter';
import { throttlerOptions } from './common/rate-limit';
import { ReadScopeModule } from './common/read-scope.service';
import { CyclesModule } from './cycles/cycles.module';
import { DocumentsModule } from './documents/documents.module';
import { RoundsModule } from './rounds/rounds.module';
import { EligibilityModule } from './eligibility/eligibility.module';
import { FilesModule } from './files/files.module';
import { HealthController } from './health/health.controller';
import { OrganisationModule } from './organisation/organisation.module';
import { WorkbookModule } from './organisation/workbook.module';
import { ReadModelModule } from './read-model/read-model.module';
import { ReportsModule } from './reports/reports.module';
import { RuleSetsModule } from './rule-sets/rule-sets.module';
import { TemporalModule } from './temporal/temporal.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl)),
        TemporalModule.forRoot(config),
        ThrottlerModule.forRoot(throttlerOptions(config.rateLimits)),
        ReadScopeModule,
        AuthModule,
        ReadModelModule,
        ReportsModule,
        CyclesModule,
        RoundsModule,
        RuleSetsModule,
        EligibilityModule,
        AuditModule,
        ApprovalsModule,
        OrganisationModule,
        WorkbookModule,
        DocumentsModule,
        FilesModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
