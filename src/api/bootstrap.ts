import { ValidationPipe, VersioningType, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '../config/config';
import { ErrorCode } from '../shared/errors';
import { AppModule } from './app.module';
import { DomainException } from './common/domain.exception';
import { NfcPipe } from './common/nfc.pipe';

/** Builds the HTTP application; shared by main.ts and the integration tests so both run the same stack. */
export async function createApp(config: AppConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger === false ? false : ['error', 'warn', 'log'],
    bodyParser: true,
  });
  app.useBodyParser('json', { limit: '256kb' });
  // Behind a reverse proxy, the client address (login rate limit) comes from X-Forwarded-For of trusted hops only.
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(
    new NfcPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new DomainException(
          ErrorCode.VALIDATION_FAILED,
          errors
            .flatMap(function flatten(e): string[] {
              return [...Object.values(e.constraints ?? {}), ...(e.children ?? []).flatMap(flatten)];
            })
            .join('; '),
        ),
    }),
  );
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('thidua API')
      .setDescription(
        'Quy trình thi đua – khen thưởng của khối thi đua: phát động, ký giao ước, tự chấm điểm, hội nghị bình xét, trình hồ sơ, thẩm định và quyết định. ' +
          'Identity: POST /v1/auth/login gives a short-lived bearer access token and a refresh token; a person holding several ' +
          'roles names the one they act in with x-acting-role (and x-acting-unit). Decisions accept x-request-id for safe retries.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
