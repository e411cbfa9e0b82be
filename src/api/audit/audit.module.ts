import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { SecurityEventsController } from './security-events.controller';

/** Reads the audit log written by the projection activities; never writes it. */
@Module({ controllers: [AuditController, SecurityEventsController], providers: [AuditService] })
export class AuditModule {}
