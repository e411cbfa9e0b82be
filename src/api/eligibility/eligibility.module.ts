import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RuleSetEntity, UnitConditionEntity, UnitEntity, UnitRatingEntity } from '../../entities';
import { EligibilityController } from './eligibility.controller';
import { EligibilityService } from './eligibility.service';

@Module({
  imports: [TypeOrmModule.forFeature([UnitEntity, RuleSetEntity, UnitConditionEntity, UnitRatingEntity])],
  controllers: [EligibilityController],
  providers: [EligibilityService],
  exports: [EligibilityService],
})
export class EligibilityModule {}
