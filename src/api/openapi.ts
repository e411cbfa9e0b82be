import { VersioningType, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { AppConfig } from '../config/config';
import { AppModule } from './app.module';
import { completeDocument } from './common/documented';
import { documentValidators } from './common/validator-schema';

/** URI versioning as the API serves it (/v1/...): the document's paths depend on it. */
export function enableApiVersioning(app: INestApplication): void {
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
}

/** The OpenAPI document of an application whose routes are registered (served at /docs, committed for the web). */
export function buildApiDocument(app: INestApplication): OpenAPIObject {
  documentValidators();
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
  completeDocument(document);
  return document;
}

/** Never used to connect: Nest's preview mode builds the module graph without instantiating any provider. */
const OFFLINE_CONFIG: AppConfig = {
  databaseUrl: 'postgres://offline@127.0.0.1:1/offline',
  temporal: { address: '127.0.0.1:1', namespace: 'offline', taskQueue: 'offline' },
  port: 0,
  auth: {
    jwtSecret: 'offline'.repeat(8),
    issuer: 'offline',
    accessTokenSeconds: 1,
    refreshTokenSeconds: 1,
    maxFailedLogins: 1,
    backoffBaseSeconds: 1,
    lockoutSeconds: 1,
    maxLoginsPerMinutePerIp: 1,
    accountSlowAfter: 1,
    accountSlowSeconds: 1,
    knownAddressDays: 1,
    sessionMaxSeconds: 1,
  },
  commandSigning: { current: 'offline'.repeat(8) },
};

/**
 * The document without PostgreSQL or Temporal: the same AppModule in preview mode (controllers' metadata, no
 * provider created, nothing connected), for `npm run contract:generate` and its drift check.
 */
export async function offlineApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule.forRoot(OFFLINE_CONFIG), { preview: true, logger: false, abortOnError: false });
  try {
    enableApiVersioning(app);
    return buildApiDocument(app);
  } finally {
    await app.close();
  }
}
