import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ENTITIES } from '../../entities';
import { ReadModelController } from './read-model.controller';
import { ReadModelService } from './read-model.service';
import { ReportsModule } from '../reports/reports.module';

@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), ReportsModule],
  controllers: [ReadModelController],
  providers: [ReadModelService],
})
export class ReadModelModule {}
