import { Body, Controller, Get, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import type { Actor } from '../../shared/actors';
import { CurrentUser, IdentityOnly, OptionalActor, Public, type RequestIdentity } from '../common/actor';
import { Documented } from '../common/documented';
import { ChangePasswordDto, LoginDto, MeView, RefreshDto, TokenPairView } from './auth.dto';
import { AuthService, type TokenPair } from './auth.service';
import { CAPACITY_LABELS_VI, namedRoleLabelVi } from './role-labels';
import { AuthorityService } from './authority.service';
import { UsersService } from './users.service';

/** Login, token refresh, logout, and who the caller is (roles, units, bloc seats held now). */
@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly authority: AuthorityService,
    private readonly dataSource: DataSource,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  @Documented('Đăng nhập bằng tên đăng nhập và mật khẩu; trả về mã truy cập và mã làm mới', {
    public: true,
    ok: { type: TokenPairView },
    body: true,
    unauthenticated: 'INVALID_CREDENTIALS',
    throttled:
      'TOO_MANY_LOGIN_ATTEMPTS from this address, or LOGIN_THROTTLED (backoff after failed logins of this account); ' +
      'Retry-After says when to try again and the message says how long',
  })
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<TokenPair> {
    return this.auth.login(dto.username, dto.password, req.ip ?? req.socket.remoteAddress ?? 'unknown');
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  @Documented('Đổi mã làm mới lấy cặp mã mới (mã cũ hết hiệu lực; dùng lại mã cũ sẽ kết thúc phiên)', {
    public: true,
    ok: { type: TokenPairView },
    body: true,
    unauthenticated: 'INVALID_REFRESH_TOKEN, or SESSION_EXPIRED past SESSION_MAX_SECONDS after login',
  })
  refresh(@Body() dto: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('password')
  @IdentityOnly()
  @HttpCode(204)
  @ApiBearerAuth()
  @Documented('Đổi mật khẩu của chính mình (cần mật khẩu hiện tại); các phiên khác kết thúc', {
    ok: { description: 'Changed; the other sessions are ended' },
    body: true,
    unauthenticated: 'INVALID_CREDENTIALS: the current password is wrong',
    unprocessable: 'WEAK_PASSWORD with the reason',
    throttled: 'LOGIN_THROTTLED or TOO_MANY_LOGIN_ATTEMPTS, as for a login',
  })
  async changePassword(
    @CurrentUser() identity: RequestIdentity,
    @Body() dto: ChangePasswordDto,
    @Req() req: Request,
  ): Promise<void> {
    await this.auth.changePassword(
      identity.user,
      identity.sessionId,
      dto.currentPassword,
      dto.newPassword,
      req.ip ?? req.socket.remoteAddress ?? 'unknown',
    );
  }

  @Post('logout')
  @IdentityOnly()
  @HttpCode(204)
  @ApiBearerAuth()
  @Documented('Đăng xuất: kết thúc phiên, mọi mã của phiên hết hiệu lực', { ok: { description: 'The session is ended' } })
  async logout(@CurrentUser() identity: RequestIdentity): Promise<void> {
    await this.auth.logout(identity.sessionId);
  }

  @Get('me')
  @IdentityOnly()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Người dùng hiện tại: các vai trò, đơn vị, và vị trí Trưởng/Phó khối đang giữ (không cần chọn vai trò; ' +
      'có x-acting-role thì chỉ vị trí của vai trò đó)',
  })
  @Documented('Người dùng hiện tại', { ok: { type: MeView } })
  async me(@CurrentUser() identity: RequestIdentity, @OptionalActor() actor: Actor | undefined): Promise<MeView> {
    const view = await this.users.get(identity.user.id);
    const leads = actor ? (actor.leads ?? []) : await this.authority.seatsOf(identity.user);
    // The header shows who acts by name (Hội Liên hiệp Phụ nữ tỉnh Bắc Kạn), not by code (BK-HLHPN).
    const names = await this.namesOf(view.roles);
    return {
      ...view,
      roles: view.roles.map((r) => ({ ...r, labelVi: namedRoleLabelVi(r.role, r.provinceCode, r.unitCode, names) })),
      blocAuthorities: leads.map((l) => ({
        ...l,
        labelVi: `${CAPACITY_LABELS_VI[l.capacity]} ${names.blocs.get(l.blocCode) ?? l.blocCode} năm ${l.year}`,
      })),
    };
  }

  private async namesOf(roles: { provinceCode: string | null; unitCode: string | null }[]) {
    const unitCodes = [...new Set(roles.map((r) => r.unitCode).filter((c): c is string => !!c))];
    const provinceCodes = [...new Set(roles.map((r) => r.provinceCode).filter((c): c is string => !!c))];
    type Named = { code: string; name: string };
    const [units, provinces, blocs] = await Promise.all([
      this.dataSource.query<Named[]>(`SELECT code, name FROM units WHERE code = ANY($1)`, [unitCodes]),
      this.dataSource.query<Named[]>(`SELECT code, name FROM provinces WHERE code = ANY($1)`, [provinceCodes]),
      this.dataSource.query<Named[]>(
        `SELECT DISTINCT b.code, b.name FROM blocs b JOIN bloc_memberships m ON m.bloc_id = b.id WHERE m.unit_code = ANY($1)`,
        [unitCodes],
      ),
    ]);
    const byCode = (rows: Named[]) => new Map(rows.map((r) => [r.code, r.name]));
    return { units: byCode(units), provinces: byCode(provinces), blocs: byCode(blocs) };
  }
}
