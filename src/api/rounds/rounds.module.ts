import { Module } from '@nestjs/common';
import { CyclesModule } from '../cycles/cycles.module';
import { RoundsController } from './rounds.controller';
import { RoundsService } from './rounds.service';

@Module({ imports: [CyclesModule], controllers: [RoundsController], providers: [RoundsService], exports: [RoundsService] })
export class RoundsModule {}
