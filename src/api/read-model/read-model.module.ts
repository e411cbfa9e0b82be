import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ENTITIES } from '../../entities';
import { ReadModelController } from './read-model.controller';
import { ReadModelService } from './read-model.service';

@Module({ imports: [TypeOrmModule.forFeature(ENTITIES)], controllers: [ReadModelController], providers: [ReadModelService] })
export class ReadModelModule {}
