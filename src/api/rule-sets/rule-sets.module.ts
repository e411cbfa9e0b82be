import { Module } from '@nestjs/common';
import { CyclesModule } from '../cycles/cycles.module';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProvinceEntity, RuleSetEntity } from '../../entities';
import { RuleSetsController } from './rule-sets.controller';
import { RuleSetsService } from './rule-sets.service';

/** Exports RuleSetsService so starting a cycle, and delivering edits to running cycles, read the same sets. */
@Module({
  imports: [TypeOrmModule.forFeature([RuleSetEntity, ProvinceEntity]), CyclesModule],
  controllers: [RuleSetsController],
  providers: [RuleSetsService],
  exports: [RuleSetsService],
})
export class RuleSetsModule {}
