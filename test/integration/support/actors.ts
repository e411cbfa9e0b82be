import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../../src/api/auth/passwords';
import { Role } from '../../../src/shared/actors';
import { ensureIdentity, identityUsername, provinceIdentities, type IdentitySpec } from '../../../src/seed/identities';
import type { components } from '../../../web/src/api/schema';

/** The API's answers, typed from its OpenAPI document (`npm run contract:generate`). */
type Schemas = components['schemas'];

export type Headers = Record<string, string>;

/**
 * Where the test's HTTP requests go: the in-process app, or (test/topology) an object whose getHttpServer() answers the
 * base URL of a running API process, which supertest accepts as well.
 */
export type HttpTarget = Pick<INestApplication, 'getHttpServer'>;

/** Password of every test account. */
export const TEST_PASSWORD = 'mật-khẩu-thử-2026';
let passwordHash: Promise<string> | undefined;

/** Access tokens of this test file's accounts, by username; filled by provisionIdentities through real logins. */
const tokens = new Map<string, string>();
/** The province the board roles of `as.*` belong to: the last one provisioned in this file. */
let currentProvince = '';

function bearer(username: string): Headers {
  const token = tokens.get(username);
  if (!token) throw new Error(`no logged-in test account ${username}: provisionIdentities() must create it first`);
  return { authorization: `Bearer ${token}` };
}

/** Headers of a logged-in person acting in their (only) role. */
export const as = {
  head: (unitCode: string): Headers => bearer(identityUsername(Role.UNIT_HEAD, unitCode)),
  focal: (unitCode: string): Headers => bearer(identityUsername(Role.UNIT_FOCAL, unitCode)),
  specialist: (province = currentProvince): Headers => bearer(identityUsername(Role.BOARD_SPECIALIST, province)),
  boardHead: (province = currentProvince): Headers => bearer(identityUsername(Role.BOARD_HEAD, province)),
  chairman: (province = currentProvince): Headers => bearer(identityUsername(Role.CHAIRMAN, province)),
  council: (n: number, province = currentProvince): Headers => bearer(identityUsername(Role.COUNCIL_MEMBER, `${province}.${n}`)),
  admin: (): Headers => bearer('admin'),
  /** The second admin, who approves what the first proposes (two-person grants of deciding roles). */
  admin2: (): Headers => bearer('admin2'),
  auditor: (): Headers => bearer('kiemtoan'),
  /** Any provisioned account by username. */
  user: (username: string): Headers => bearer(username),
};

export async function login(app: HttpTarget, username: string, password = TEST_PASSWORD) {
  return request(app.getHttpServer()).post('/v1/auth/login').send({ username, password });
}

/** Creates accounts (stored like the demo seed's) and logs each in over HTTP, keeping its access token for `as.*`. */
export async function provisionAccounts(app: HttpTarget, ds: DataSource, specs: readonly IdentitySpec[]): Promise<void> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  await ds.transaction(async (m) => {
    for (const spec of specs) await ensureIdentity(m, spec, hash, 'test');
  });
  for (const spec of specs) {
    const res = await login(app, spec.username);
    if (res.status !== 200) throw new Error(`login of ${spec.username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    tokens.set(spec.username, (res.body as Schemas['TokenPairView']).accessToken);
  }
}

/** The people of a province's cycle (board, council, chairman, each unit's head and focal person, admin, auditor). */
export async function provisionIdentities(
  app: HttpTarget,
  ds: DataSource,
  provinceCode: string,
  unitCodes: readonly string[],
): Promise<void> {
  await provisionAccounts(
    app,
    ds,
    provinceIdentities(
      provinceCode,
      unitCodes.map((code) => ({ code, name: code })),
    ),
  );
  currentProvince = provinceCode;
}

/**
 * Grants a role through the HTTP API as an administration does it: proposed by `admin`, and, for a deciding role (still
 * pending), approved by `admin2`. Returns the user's view after the grant is in force.
 */
export async function grantRole(
  app: INestApplication,
  userId: string,
  body: Record<string, unknown>,
): Promise<Schemas['UserView']> {
  const proposed = await request(app.getHttpServer()).post(`/v1/admin/users/${userId}/roles`).set(as.admin()).send(body);
  if (proposed.status !== 201) throw new Error(`grant: ${proposed.status} ${JSON.stringify(proposed.body)}`);
  const pending = (proposed.body as Schemas['UserView']).pendingGrants ?? [];
  const grant = pending.find((g) => g.role === body.role);
  if (!grant) return proposed.body as Schemas['UserView'];
  const approved = await request(app.getHttpServer()).post(`/v1/admin/role-grants/${grant.id}/approve`).set(as.admin2());
  if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
  return approved.body as Schemas['UserView'];
}

/**
 * An account holding one role in a province (e.g. a province's own admin), made through the API as an administration
 * does it, and logged in for `as.user`.
 */
export async function createProvinceAccount(
  app: INestApplication,
  username: string,
  role: Role,
  provinceCode: string,
): Promise<string> {
  const created = await request(app.getHttpServer())
    .post('/v1/admin/users')
    .set(as.admin())
    .send({ username, displayName: `Tài khoản ${username}`, password: TEST_PASSWORD });
  if (created.status !== 201) throw new Error(`create ${username}: ${created.status} ${JSON.stringify(created.body)}`);
  await grantRole(app, created.body.id as string, { role, provinceCode });
  const res = await login(app, username);
  if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  tokens.set(username, (res.body as Schemas['TokenPairView']).accessToken);
  return created.body.id as string;
}
