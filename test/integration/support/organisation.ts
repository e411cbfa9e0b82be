import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { as, type Headers } from './actors';

/**
 * Master data for tests, written through the organisation API as a system admin would (no SQL inserts): the
 * same validation and audit entries as in production.
 */
async function post(app: INestApplication, path: string, body: object, headers: Headers = as.admin()): Promise<unknown> {
  const res = await request(app.getHttpServer()).post(path).set(headers).send(body);
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function createProvince(app: INestApplication, code: string, name: string): Promise<unknown> {
  return post(app, '/v1/provinces', { code, name });
}

export function createUnit(
  app: INestApplication,
  provinceCode: string,
  unit: { code: string; name: string; kind?: string },
): Promise<unknown> {
  return post(app, `/v1/provinces/${provinceCode}/units`, unit);
}
