import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { CurrentUser, IdentityOnly, type RequestIdentity } from '../common/actor';
import { Documented } from '../common/documented';

export const MAIL_PREFERENCES = ['IMMEDIATE', 'DIGEST', 'OFF'] as const;
export type MailPreference = (typeof MAIL_PREFERENCES)[number];
/** A plain address: something@domain.tld, no spaces, no display name, no angle brackets. */
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export class NotificationSettingsView {
  @ApiProperty({ type: String, nullable: true, description: 'Where notifications go; null: none are sent' })
  email: string | null;

  @ApiProperty({
    enum: MAIL_PREFERENCES,
    description: 'IMMEDIATE: each notification at once; DIGEST: one mail a day (07:00); OFF: none',
  })
  preference: MailPreference;
}

export class NotificationSettingsDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 320,
    example: 'nguyen.van.a@tinh.gov.vn',
    description: 'Absent or null: no address (no mail is sent)',
  })
  @IsOptional()
  @IsString()
  @Length(3, 320)
  @Matches(EMAIL)
  email?: string | null;

  @ApiProperty({ enum: MAIL_PREFERENCES })
  @IsIn(MAIL_PREFERENCES)
  preference: MailPreference;
}

/** The caller's own e-mail notifications: the address and how often (at once, a daily digest, or none). */
@ApiTags('auth')
@Controller({ path: 'me/notifications', version: '1' })
export class NotificationsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @IdentityOnly()
  @ApiBearerAuth()
  @Documented('Cách nhận thông báo qua thư điện tử của chính mình', { ok: { type: NotificationSettingsView } })
  async get(@CurrentUser() identity: RequestIdentity): Promise<NotificationSettingsView> {
    return this.read(identity.user.id);
  }

  @Put()
  @IdentityOnly()
  @ApiBearerAuth()
  @Documented('Đặt địa chỉ thư và cách nhận thông báo của chính mình: ngay khi có việc, tổng hợp hằng ngày, hoặc không nhận', {
    ok: { type: NotificationSettingsView },
    body: true,
  })
  async put(@CurrentUser() identity: RequestIdentity, @Body() dto: NotificationSettingsDto): Promise<NotificationSettingsView> {
    await this.dataSource.query(`UPDATE users SET email = $2, mail_preference = $3, updated_at = now() WHERE id = $1`, [
      identity.user.id,
      dto.email ? dto.email.normalize('NFC').trim() : null,
      dto.preference,
    ]);
    return this.read(identity.user.id);
  }

  private async read(userId: string): Promise<NotificationSettingsView> {
    const [row]: { email: string | null; mail_preference: MailPreference }[] = await this.dataSource.query(
      `SELECT email, mail_preference FROM users WHERE id = $1`,
      [userId],
    );
    return { email: row?.email ?? null, preference: row?.mail_preference ?? 'IMMEDIATE' };
  }
}
