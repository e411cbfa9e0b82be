import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ENTITIES } from '../../entities';
import { ReadModelController } from './read-model.controller';
import { ReadModelService } from './read-model.service';
import { ReportsModule } from '../reports/reports.module';
import type { AppConfig } from '../../config/config';
import { CycleChangeFeed } from '../../db/cycle-changes';
import { APP_CONFIG } from '../temporal/temporal.module';

@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), ReportsModule],
  controllers: [ReadModelController],
  providers: [
    ReadModelService,
    // One LISTEN connection per API process, for the clients that wait for a cycle to change.
    {
      provide: CycleChangeFeed,
      useFactory: (config: AppConfig) => new CycleChangeFeed(config.databaseUrl),
      inject: [APP_CONFIG],
    },
  ],
})
export class ReadModelModule {}
