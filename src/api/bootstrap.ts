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
          'Identity (interim): headers x-user-id, x-user-role, x-unit-code. Decisions accept x-request-id for safe retries.',
      )
      .setVersion('1')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-user-id' }, 'x-user-id')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-user-role' }, 'x-user-role')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-unit-code' }, 'x-unit-code')
      .addSecurityRequirements('x-user-id')
      .addSecurityRequirements('x-user-role')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
