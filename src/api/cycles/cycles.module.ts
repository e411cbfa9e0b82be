import { Module } from '@nestjs/common';
import { EligibilityModule } from '../eligibility/eligibility.module';
import { CyclesController } from './cycles.controller';
import { CyclesService } from './cycles.service';

@Module({ imports: [EligibilityModule], controllers: [CyclesController], providers: [CyclesService], exports: [CyclesService] })
export class CyclesModule {}
