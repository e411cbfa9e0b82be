import { Module } from '@nestjs/common';
import { RoundsModule } from '../rounds/rounds.module';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { RoundDocumentsController } from './round-documents.controller';
import { RoundDocumentsService } from './round-documents.service';

@Module({
  imports: [RoundsModule],
  controllers: [DocumentsController, RoundDocumentsController],
  providers: [DocumentsService, RoundDocumentsService],
  exports: [DocumentsService],
})
export class DocumentsModule {}
