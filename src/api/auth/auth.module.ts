import { Global, Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { NotificationsController } from './notifications.controller';
import { AuthService } from './auth.service';
import { AuthorityService } from './authority.service';
import { ACCESS_TOKEN_VERIFIERS, type AccessTokenVerifier } from './identity';
import { TokenService } from './tokens.service';
import { RoleGrantsController, UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Identity and access. The guard asks each AccessTokenVerifier in turn; an OIDC verifier for a provincial
 * single sign-on is one more entry in ACCESS_TOKEN_VERIFIERS.
 */
@Global()
@Module({
  controllers: [AuthController, NotificationsController, UsersController, RoleGrantsController],
  providers: [
    TokenService,
    AuthService,
    AuthorityService,
    UsersService,
    {
      provide: ACCESS_TOKEN_VERIFIERS,
      useFactory: (local: TokenService): AccessTokenVerifier[] => [local],
      inject: [TokenService],
    },
  ],
  exports: [AuthService, AuthorityService, ACCESS_TOKEN_VERIFIERS, TokenService],
})
export class AuthModule {}
