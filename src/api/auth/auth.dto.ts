import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsISO8601, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { BlocCapacity, Role } from '../../shared/actors';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

export class LoginDto {
  @ApiProperty({ example: 'truongphong.tdkt' })
  @IsString()
  @Length(1, 100)
  username: string;

  @ApiProperty({ example: 'mật-khẩu-2026' })
  @IsString()
  @Length(1, 200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  currentPassword: string;

  @ApiProperty({ description: 'At least 10 characters with a letter and a digit; not common, not from the username' })
  @IsString()
  @Length(1, 200)
  newPassword: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @Length(20, 200)
  refreshToken: string;
}

export class TokenPairView {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
}

export class RoleAssignmentView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiPropertyOptional({ type: String, nullable: true }) provinceCode: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) unitCode: string | null;
  @ApiProperty() validFrom: string;
  @ApiPropertyOptional({ type: String, nullable: true }) validTo: string | null;
  @ApiProperty() grantedBy: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ description: 'Held at this moment' }) current: boolean;
  @ApiProperty({ description: 'Vietnamese name of the role and its scope' }) labelVi: string;
}

export class BlocAuthorityView {
  @ApiProperty() blocCode: string;
  @ApiProperty({ enum: BlocCapacity }) capacity: BlocCapacity;
  @ApiProperty() year: number;
  @ApiProperty() since: string;
  @ApiProperty() labelVi: string;
}

/** A proposed grant of a deciding role (or ADMIN): not in force until another admin approves it. */
export class RoleGrantView {
  @ApiProperty() id: string;
  @ApiProperty() userId: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiPropertyOptional({ type: String, nullable: true }) provinceCode: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) unitCode: string | null;
  @ApiProperty() validFrom: string;
  @ApiPropertyOptional({ type: String, nullable: true }) validTo: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ enum: ['PENDING', 'APPROVED', 'REFUSED'] }) status: 'PENDING' | 'APPROVED' | 'REFUSED';
  @ApiProperty() proposedBy: string;
  @ApiProperty() proposedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) decidedBy: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) decidedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) decisionReason: string | null;
  @ApiProperty({ description: 'Vietnamese name of the role and its scope' }) labelVi: string;
}

export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty() disabled: boolean;
  @ApiProperty({ description: 'The longest wait any address has now after failed logins of this account (s); 0 when none' })
  lockedForSeconds: number;
  @ApiProperty({ type: [RoleAssignmentView] }) roles: RoleAssignmentView[];
  @ApiPropertyOptional({
    type: [RoleGrantView],
    description: 'Grants proposed and awaiting a second admin (not in force); in the administration views only',
  })
  pendingGrants?: RoleGrantView[];
}

export class MeView extends UserView {
  @ApiProperty({ type: [BlocAuthorityView], description: 'Trưởng/Phó khối seats held now through the unit (after handover)' })
  blocAuthorities: BlocAuthorityView[];
}

export class CreateUserDto {
  @ApiProperty({ example: 'chuyenvien.tdkt2', description: 'Letters, digits, . _ - @; stored lower-case' })
  @IsString()
  @Matches(/^[\p{L}\p{N}._@-]{3,100}$/u, { message: 'username: 3-100 letters, digits or . _ - @' })
  username: string;

  @ApiProperty({ example: 'Nguyễn Thị Hoa' })
  @IsString()
  @Length(1, 200)
  displayName: string;

  @ApiPropertyOptional({ description: 'Omit for an account that signs in only through single sign-on' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ description: 'OIDC issuer|subject of the provincial single sign-on' })
  @IsOptional()
  @IsString()
  @Length(3, 300)
  externalSubject?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ description: 'Sets a new password (and ends the user’s sessions)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ description: 'true clears the login waits of every address after failed logins' })
  @IsOptional()
  @IsBoolean()
  unlock?: boolean;
}

export class AssignRoleDto {
  @ApiProperty({ enum: Role })
  @IsEnum(Role)
  role: Role;

  @ApiPropertyOptional({ description: 'Required for every role but ADMIN and AUDITOR' })
  @IsOptional()
  @Matches(CODE)
  provinceCode?: string;

  @ApiPropertyOptional({ description: 'Required for UNIT_HEAD and UNIT_FOCAL' })
  @IsOptional()
  @Matches(CODE)
  unitCode?: string;

  @ApiPropertyOptional({
    description:
      'ISO date-time; defaults to now; never before today (Vietnam time). A deciding role or ADMIN is only proposed: another admin approves it',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  validFrom?: string;

  @ApiPropertyOptional({ description: 'ISO date-time; open-ended when omitted' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validTo?: string;

  @ApiPropertyOptional({ description: 'E.g. the appointment decision (quyết định bổ nhiệm)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class EndRoleDto {
  @ApiPropertyOptional({ description: 'ISO date-time the role ends; defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validTo?: string;

  @ApiProperty({ description: 'Why the role ends (e.g. retirement, transfer)' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class RefuseGrantDto {
  @ApiProperty({ description: 'Why the proposed grant is refused' })
  @IsString()
  @Length(1, 500)
  reason: string;
}
