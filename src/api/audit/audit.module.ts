import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** Reads the audit log written by the projection activities; never writes it. */
@Module({ controllers: [AuditController], providers: [AuditService] })
export class AuditModule {}
