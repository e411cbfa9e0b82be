import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { provinceOf, readScopeOf } from '../../domain/read-scope';
import { Role, type Actor } from '../../shared/actors';
import { AllowRoles, CurrentActor } from '../common/actor';
import { Documented } from '../common/documented';

export class SecurityEventsQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    example: 1,
    default: 1,
    minimum: 1,
    maximum: 1_000_000,
    description: 'Page, from 1 (newest first)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ type: 'integer', example: 50, default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class SecurityEventView {
  @ApiProperty({ example: '5b1f3c9e-8a51-4c2e-9a43-2f0c1b7d9e10' })
  id: string;

  @ApiProperty({ example: '2026-12-06T09:15:02.114Z' })
  at: string;

  @ApiProperty({ example: 'UNSIGNED_COMMAND' })
  kind: string;

  @ApiProperty({ example: 'cycle.BK.MTTQ.2020' })
  workflowId: string;

  @ApiProperty({ example: 'submitDossier', description: 'The update, or start:<workflowType> for a workflow start' })
  updateName: string;

  @ApiProperty({ type: String, nullable: true, example: 'submitDossier:forged-1' })
  updateId: string | null;

  @ApiProperty({
    type: Object,
    nullable: true,
    description: 'The actor the command claimed, as sent (not to be believed)',
    example: { userId: 'head.bk-hlhpn', role: 'UNIT_HEAD', unitCode: 'BK-HLHPN' },
  })
  claimedActor: unknown;

  @ApiProperty({ example: 'the command carries no seal' })
  reason: string;
}

export class SecurityEventPage {
  @ApiProperty({ type: [SecurityEventView] })
  items: SecurityEventView[];

  @ApiProperty({ example: 1 })
  page: number;

  @ApiProperty({ example: 50 })
  pageSize: number;

  @ApiProperty({ example: 3 })
  total: number;
}

interface Row {
  id: string;
  at: Date;
  kind: string;
  workflow_id: string;
  update_name: string;
  update_id: string | null;
  claimed_actor: unknown;
  reason: string;
}

/** Commands the workflows refused because the API had not sealed them: someone reached Temporal directly. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller({ path: 'admin/security-events', version: '1' })
export class SecurityEventsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @AllowRoles(Role.ADMIN, Role.AUDITOR)
  @ApiOperation({
    summary: 'Sự kiện an ninh: các lệnh không có chữ ký của hệ thống đã bị từ chối, mới nhất trước (quản trị, kiểm toán)',
  })
  @Documented('Sự kiện an ninh', { ok: { type: SecurityEventPage }, forbidden: 'only ADMIN and AUDITOR' })
  async list(@CurrentActor() actor: Actor, @Query() query: SecurityEventsQueryDto): Promise<SecurityEventPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    // An admin or auditor of one province sees the events of its workflows (cycle.<province>.… and approval.<province>.…).
    const province = provinceOf(readScopeOf(actor));
    const inScope = `($1::varchar IS NULL OR (split_part(workflow_id, '.', 1) IN ('cycle', 'approval') AND split_part(workflow_id, '.', 2) = $1))`;
    const scoped = province === null ? '.' : (province ?? null); // '.' is in no province code: nothing
    const rows: Row[] = await this.dataSource.query(
      `SELECT id, at, kind, workflow_id, update_name, update_id, claimed_actor, reason FROM security_events
       WHERE ${inScope} ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3`,
      [scoped, pageSize, (page - 1) * pageSize],
    );
    const counted: { n: string }[] = await this.dataSource.query(`SELECT count(*) AS n FROM security_events WHERE ${inScope}`, [
      scoped,
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        kind: r.kind,
        workflowId: r.workflow_id,
        updateName: r.update_name,
        updateId: r.update_id,
        claimedActor: r.claimed_actor,
        reason: r.reason,
      })),
      page,
      pageSize,
      total: Number(counted[0]?.n ?? 0),
    };
  }
}
