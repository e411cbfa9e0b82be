import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EvidenceBundle } from '../../audit/evidence-bundle';
import { Role, type Actor } from '../../shared/actors';
import { readScopeOf } from '../../domain/read-scope';
import { ErrorCode } from '../../shared/errors';
import { AllowRoles, CurrentActor } from '../common/actor';
import { DomainException } from '../common/domain.exception';
import { ReadScopeService } from '../common/read-scope.service';
import { Documented } from '../common/documented';
import { AUDIT_THROTTLED, RateLimited } from '../common/rate-limit';
import { ChainVerificationView, CycleHistoryView, EvidenceBundleView, HistoryFilterDto } from './audit.dto';
import { AuditService, type CycleHistory } from './audit.service';

const AUDIT_ROLES = [Role.ADMIN, Role.AUDITOR];
const AUDITORS = 'only ADMIN and AUDITOR';

/** The tamper-evident audit log: verification of the chain, a cycle's evidence bundle and its merged history, for admins and auditors. */
@ApiTags('audit')
@Controller({ version: '1' })
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly scope: ReadScopeService,
  ) {}

  @Get('audit/verify')
  @AllowRoles(...AUDIT_ROLES)
  @RateLimited('audit')
  @ApiOperation({ summary: 'Kiểm tra chuỗi băm của nhật ký kiểm toán; chỉ ra bản ghi hỏng đầu tiên (quản trị, kiểm toán)' })
  @Documented('Kiểm tra chuỗi băm của nhật ký kiểm toán', {
    ok: { type: ChainVerificationView },
    forbidden: `${AUDITORS}, system-wide (the chain spans every province)`,
    throttled: AUDIT_THROTTLED,
  })
  verify(@CurrentActor() actor: Actor): Promise<ChainVerificationView> {
    if (readScopeOf(actor).kind !== 'SYSTEM') {
      throw new DomainException(
        ErrorCode.FORBIDDEN_ACTOR,
        'the audit chain spans every province: only a system-wide admin or auditor verifies it',
      );
    }
    return this.audit.verify();
  }

  @Get('cycles/:cycleId/evidence')
  @AllowRoles(...AUDIT_ROLES)
  @RateLimited('audit')
  @ApiOperation({
    summary:
      'Hồ sơ chứng cứ của chu kỳ: dữ liệu đọc và nhật ký kiểm toán có mã băm, kiểm tra được khi không kết nối ' +
      '(node dist/src/audit/verify-bundle.js) (quản trị, kiểm toán)',
  })
  @Documented('Hồ sơ chứng cứ của chu kỳ', {
    ok: { type: EvidenceBundleView },
    forbidden: AUDITORS,
    notFound: 'CYCLE_NOT_FOUND',
    throttled: AUDIT_THROTTLED,
  })
  async evidence(
    @Param('cycleId') cycleId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EvidenceBundle> {
    await this.scope.requireCycle(actor, cycleId);
    const bundle = await this.audit.evidence(cycleId, actor);
    res.setHeader('Content-Disposition', `attachment; filename="evidence-${cycleId.replace(/[^A-Za-z0-9._-]/g, '_')}.json"`);
    return bundle;
  }

  @Get('cycles/:cycleId/history')
  @AllowRoles(...AUDIT_ROLES)
  @ApiOperation({
    summary:
      'Lịch sử đầy đủ của chu kỳ theo thời gian: nhật ký kiểm toán cùng lịch sử sự kiện Temporal của quy trình chu kỳ ' +
      'và các quy trình tự chấm điểm, bằng tiếng Việt (quản trị, kiểm toán)',
  })
  @Documented('Lịch sử đầy đủ của chu kỳ theo thời gian', {
    ok: { type: CycleHistoryView },
    forbidden: AUDITORS,
    notFound: 'CYCLE_NOT_FOUND; UNIT_NOT_FOUND (unitCode not in the cycle)',
  })
  async history(
    @CurrentActor() actor: Actor,
    @Param('cycleId') cycleId: string,
    @Query() query: HistoryFilterDto,
  ): Promise<CycleHistory> {
    await this.scope.requireCycle(actor, cycleId);
    return this.audit.history(cycleId, query.unitCode);
  }
}
