import request from 'supertest';
import { PROVINCIAL_DOSSIER_APPRAISAL_CHAIN } from '../../src/domain/approval';
import { S1_UNITS, seedDemoProvince, type DemoProvince, type S1UnitKey } from '../../src/seed/demo-province';
import { identityUsername, provinceIdentities } from '../../src/seed/identities';
import { Role } from '../../src/shared/actors';
import { Phase } from '../../src/shared/cycle-types';
import { as, createProvinceAccount, login, provisionIdentities, type Headers } from './support/actors';
import { useS1Harness } from './support/harness';
import { CRITERIA, S1Driver } from './support/s1-scenario';
import { waitFor } from './support/wait';

/**
 * Reads scoped to who asks (domain/read-scope.ts), walked as a matrix: every reader (each role, in the province of the
 * data and in another one, a unit's people in and out of the process, system-wide and province admins and auditors)
 * × every GET route the app serves, in scope and out of scope. Out of scope answers 404 like a missing resource; lists
 * answer 200 without the rows out of scope. The matrix fails when the app serves a GET route it has no row for.
 *
 * Province A runs its cycle past the ballot (score sheets, nominations); province B stops in the self-assessment, with
 * cross-scoring assigned (MTTQ and HND score LĐLĐ; MTTQ has handed in its own sheet, HND has not). Each has a
 * free-standing approval chain about its Tỉnh đoàn (DTN).
 */

type P = 'A' | 'B';

interface Reader {
  name: string;
  role: Role;
  /** Undefined: system-wide. */
  province?: P;
  /** A unit's people (head or focal person) of this unit of their province. */
  unit?: S1UnitKey;
  /** The unit holds Trưởng or Phó khối of its province's bloc now (2020 leadership: HLHPN and LĐLĐ). */
  leads?: boolean;
  /** Username, or how to log in (the accounts made through the API). */
  username: (f: Fixture) => string;
}

interface Fixture {
  A: Side;
  B: Side;
  tokens: Map<string, string>;
  /** Usernames holding a role in each province. */
  usernames: Record<P, Set<string>>;
  ids: { unitHeadMTTQ: Record<P, string> };
  nominationKeyA: string;
  /** Uploaded files: one of each cycle (its dossier), one of B's LĐLĐ sheet. */
  files: { A: string; B: string; sheetB: string };
  /** Each province's award round of 2020 (A's with a closed council session); A's council member. */
  rounds: Record<P, string>;
  councilMemberA: string;
}

interface Side {
  demo: DemoProvince;
  driver: S1Driver;
  chainId: string;
  /** A workbook preview of the province (its own template uploaded by the system admin). */
  previewToken: string;
}

const PROVINCE_ROLES = [Role.BOARD_SPECIALIST, Role.BOARD_HEAD, Role.COUNCIL_MEMBER, Role.CHAIRMAN] as const;

const provinceRole = (p: P, role: (typeof PROVINCE_ROLES)[number]): Reader => ({
  name: `${role} of ${p}`,
  role,
  province: p,
  username: (f) => identityUsername(role, role === Role.COUNCIL_MEMBER ? `${f[p].demo.provinceCode}.1` : f[p].demo.provinceCode),
});
const unitPerson = (p: P, role: Role.UNIT_HEAD | Role.UNIT_FOCAL, unit: S1UnitKey, name: string, leads = false): Reader => ({
  name: `${name} of ${p}`,
  role,
  province: p,
  unit,
  leads,
  username: (f) => identityUsername(role, f[p].demo.unit(unit)),
});

export const READERS: Reader[] = [
  { name: 'system admin', role: Role.ADMIN, username: () => 'admin' },
  { name: 'system auditor', role: Role.AUDITOR, username: () => 'kiemtoan' },
  { name: 'admin of B', role: Role.ADMIN, province: 'B', username: () => 'quantri.tinhb' },
  { name: 'auditor of B', role: Role.AUDITOR, province: 'B', username: () => 'kiemtoan.tinhb' },
  ...(['A', 'B'] as const).flatMap((p) => [
    ...PROVINCE_ROLES.map((role) => provinceRole(p, role)),
    unitPerson(p, Role.UNIT_HEAD, 'HLHPN', 'Trưởng khối (head of HLHPN)', true),
    unitPerson(p, Role.UNIT_HEAD, 'LDLD', 'Phó khối (head of LĐLĐ)', true),
    unitPerson(p, Role.UNIT_HEAD, 'MTTQ', 'head of MTTQ'),
    unitPerson(p, Role.UNIT_FOCAL, 'MTTQ', 'focal person of MTTQ'),
    unitPerson(p, Role.UNIT_HEAD, 'HND', 'head of HND'),
    unitPerson(p, Role.UNIT_FOCAL, 'DTN', 'focal person of DTN'),
  ]),
];

// ---- who sees what (the expectations, written from the rules in the README, not from the code) ----------------------

const system = (r: Reader) => r.province === undefined;
const inProvince = (r: Reader, p: P) => system(r) || r.province === p;
/** The board, council, chairman, or an admin or auditor: sees all of its province. */
const wholeProvince = (r: Reader, p: P) => system(r) || (r.province === p && r.unit === undefined);
const status = (visible: boolean) => (visible ? 200 : 404);
const onlyRoles =
  (roles: Role[], visible: (r: Reader) => boolean) =>
  (r: Reader): number =>
    roles.includes(r.role) ? status(visible(r)) : 403;
const AUDITORS = [Role.ADMIN, Role.AUDITOR];

/** Every unit of a province is a member of its cycle: the province's people all see it. */
const seesCycle = (r: Reader, p: P) => inProvince(r, p);

/** A unit's own records; awards and eligibility also for the bloc's Trưởng/Phó khối, conditions not. */
const seesUnitRecord = (r: Reader, p: P, unit: S1UnitKey, conditions = false) =>
  wholeProvince(r, p) || (r.province === p && (r.unit === unit || (!conditions && !!r.leads && r.role === Role.UNIT_HEAD)));

/** A's cycle is past the self-assessment: every member sees every sheet. */
const seesSheetA = (r: Reader) => seesCycle(r, 'A');
/** B is in the self-assessment: the unit itself, the reviewers, and LĐLĐ's cross-scorer that has handed in its own. */
const seesSheetB = (r: Reader, unit: S1UnitKey) =>
  wholeProvince(r, 'B') ||
  (r.province === 'B' &&
    (r.unit === unit || (r.role === Role.UNIT_HEAD && (!!r.leads || (unit === 'LDLD' && r.unit === 'MTTQ')))));

/** The chains are about DTN, in the bloc, started by the board: DTN's people, the bloc's seats, the province's readers. */
const seesChain = (r: Reader, p: P) =>
  wholeProvince(r, p) || (r.province === p && (r.unit === 'DTN' || (!!r.leads && r.role === Role.UNIT_HEAD)));

// ---- the matrix -----------------------------------------------------------------------------------------------------

interface ListCheck {
  /** Each row's province (null when it has none) and key. */
  rows: (body: unknown) => { province: string | null; key: string }[];
  /** Whether the reader may see this row. */
  allowed: (r: Reader, row: { province: string | null; key: string }, f: Fixture) => boolean;
  /** Keys that must be in the reader's answer. */
  required?: (r: Reader, f: Fixture) => string[];
}

interface Probe {
  url: string;
  expect: (r: Reader) => number;
  list?: ListCheck;
}

interface MatrixRow {
  /** `GET <path as in the OpenAPI document>`. */
  route: string;
  probes: (f: Fixture) => Probe[];
}

const sides = (f: Fixture) => [
  { p: 'A' as const, s: f.A },
  { p: 'B' as const, s: f.B },
];
const provinceOfCode = (f: Fixture, code: string | null): P | null =>
  code === f.A.demo.provinceCode ? 'A' : code === f.B.demo.provinceCode ? 'B' : null;
/** A row of a list: in scope when the reader reads its province. */
const inScopeRow = (r: Reader, row: { province: string | null }, f: Fixture) => {
  const p = provinceOfCode(f, row.province);
  return system(r) || (p !== null && r.province === p);
};
const cycleOf = (f: Fixture, p: P) => f[p].driver.cycleId;
const byCycle = (body: unknown) =>
  (body as { cycleId: string; provinceCode: string }[]).map((c) => ({ province: c.provinceCode, key: c.cycleId }));

/**
 * A route of a province's own data (`/v1/provinces/{provinceCode}/…`), probed in both provinces: answered to the
 * province's people (of `roles`, when only some may read it; the others get 403) and to system-wide readers, 404 to
 * everyone else. Routes added under a province take one such row each.
 */
export function provinceRow(route: string, url: (province: DemoProvince) => string, roles?: Role[]): MatrixRow {
  return {
    route,
    probes: (f) =>
      sides(f).map(({ p, s }) => ({
        url: url(s.demo),
        expect: roles ? onlyRoles(roles, (r) => inProvince(r, p)) : (r: Reader) => status(inProvince(r, p)),
      })),
  };
}

export const MATRIX: MatrixRow[] = [
  {
    route: 'GET /v1/cycles',
    probes: (f) => [
      {
        url: '/v1/cycles',
        expect: () => 200,
        list: {
          rows: byCycle,
          allowed: inScopeRow,
          required: (r) => sides(f).flatMap(({ p, s }) => (seesCycle(r, p) ? [s.driver.cycleId] : [])),
        },
      },
      // Asking for the other province's cycles filters to nothing rather than refusing.
      {
        url: `/v1/cycles?provinceCode=${f.A.demo.provinceCode}`,
        expect: () => 200,
        list: { rows: byCycle, allowed: inScopeRow },
      },
    ],
  },
  {
    route: 'GET /v1/cycles/{cycleId}',
    probes: (f) => sides(f).map(({ p }) => ({ url: `/v1/cycles/${cycleOf(f, p)}`, expect: (r) => status(seesCycle(r, p)) })),
  },
  {
    route: 'GET /v1/cycles/{cycleId}/as-of',
    probes: (f) =>
      sides(f).map(({ p }) => ({
        url: `/v1/cycles/${cycleOf(f, p)}/as-of?at=${encodeURIComponent(new Date().toISOString())}`,
        expect: onlyRoles([Role.ADMIN, Role.AUDITOR, Role.BOARD_HEAD, Role.BOARD_SPECIALIST], (r) => seesCycle(r, p)),
      })),
  },
  {
    route: 'GET /v1/cycles/{cycleId}/late-units',
    probes: (f) =>
      sides(f).map(({ p }) => ({ url: `/v1/cycles/${cycleOf(f, p)}/late-units`, expect: (r) => status(seesCycle(r, p)) })),
  },
  {
    route: 'GET /v1/cycles/{cycleId}/timeline',
    probes: (f) =>
      sides(f).map(({ p }) => ({ url: `/v1/cycles/${cycleOf(f, p)}/timeline`, expect: (r) => status(seesCycle(r, p)) })),
  },
  {
    route: 'GET /v1/cycles/{cycleId}/units/{unitCode}/assessment',
    probes: (f) => [
      { url: `/v1/cycles/${cycleOf(f, 'A')}/units/${f.A.demo.unit('MTTQ')}/assessment`, expect: (r) => status(seesSheetA(r)) },
      {
        url: `/v1/cycles/${cycleOf(f, 'B')}/units/${f.B.demo.unit('LDLD')}/assessment`,
        expect: (r) => status(seesSheetB(r, 'LDLD')),
      },
      {
        url: `/v1/cycles/${cycleOf(f, 'B')}/units/${f.B.demo.unit('MTTQ')}/assessment`,
        expect: (r) => status(seesSheetB(r, 'MTTQ')),
      },
    ],
  },
  {
    route: 'GET /v1/cycles/{cycleId}/documents',
    probes: (f) =>
      sides(f).map(({ p }) => ({ url: `/v1/cycles/${cycleOf(f, p)}/documents`, expect: (r) => status(seesCycle(r, p)) })),
  },
  {
    // The pledge exists in both cycles (both launched); DOCX only, so no converter is involved.
    route: 'GET /v1/cycles/{cycleId}/documents/{kind}',
    probes: (f) =>
      sides(f).map(({ p }) => ({
        url: `/v1/cycles/${cycleOf(f, p)}/documents/giao-uoc?format=docx`,
        expect: (r) => status(seesCycle(r, p)),
      })),
  },
  {
    route: 'GET /v1/files/{sha256}',
    probes: (f) => [
      ...sides(f).map(({ p }) => ({ url: `/v1/files/${f.files[p]}`, expect: (r: Reader) => status(seesCycle(r, p)) })),
      { url: `/v1/files/${f.files.sheetB}`, expect: (r) => status(seesSheetB(r, 'LDLD')) },
    ],
  },
  {
    route: 'GET /v1/cycles/{cycleId}/evidence',
    probes: (f) =>
      sides(f).map(({ p }) => ({
        url: `/v1/cycles/${cycleOf(f, p)}/evidence`,
        expect: onlyRoles(AUDITORS, (r) => seesCycle(r, p)),
      })),
  },
  {
    route: 'GET /v1/cycles/{cycleId}/history',
    probes: (f) =>
      sides(f).map(({ p }) => ({
        url: `/v1/cycles/${cycleOf(f, p)}/history`,
        expect: onlyRoles(AUDITORS, (r) => seesCycle(r, p)),
      })),
  },
  {
    route: 'GET /v1/nominations',
    probes: (f) => [
      {
        url: '/v1/nominations',
        expect: () => 200,
        list: {
          rows: (body) =>
            (body as { items: { cycleId: string; nomineeId: string; provinceCode: string }[] }).items.map((n) => ({
              province: n.provinceCode,
              key: `${n.cycleId}/${n.nomineeId}`,
            })),
          allowed: inScopeRow,
          required: (r) => (seesCycle(r, 'A') ? [f.nominationKeyA] : []),
        },
      },
    ],
  },
  {
    route: 'GET /v1/units/{unitCode}/awards',
    probes: (f) =>
      sides(f).flatMap(({ p, s }) =>
        (['MTTQ', 'DTN'] as const).map((unit) => ({
          url: `/v1/units/${s.demo.unit(unit)}/awards`,
          expect: (r: Reader) => status(seesUnitRecord(r, p, unit)),
        })),
      ),
  },
  {
    route: 'GET /v1/units/{unitCode}/nominations',
    probes: (f) =>
      sides(f).flatMap(({ p, s }) =>
        (['MTTQ', 'DTN', 'HLHPN'] as const).map((unit) => ({
          url: `/v1/units/${s.demo.unit(unit)}/nominations`,
          // The reasons against a unit are its own business: not the bloc's Trưởng/Phó khối, as for its conditions.
          expect: (r: Reader) => status(seesUnitRecord(r, p, unit, true)),
        })),
      ),
  },
  {
    route: 'GET /v1/reports/nominations',
    probes: (f) => [
      {
        url: '/v1/reports/nominations?year=2020',
        expect: onlyRoles([Role.BOARD_SPECIALIST, Role.BOARD_HEAD], () => true),
        list: {
          rows: (body) =>
            (body as { items: { cycleId: string; nomineeId: string; provinceCode: string }[] }).items.map((n) => ({
              province: n.provinceCode,
              key: `${n.cycleId}/${n.nomineeId}`,
            })),
          allowed: (r, row) => r.province !== undefined && row.province === f[r.province].demo.provinceCode,
          required: (r) => (r.province === 'A' ? [f.nominationKeyA] : []),
        },
      },
    ],
  },
  {
    route: 'GET /v1/reports/nominations/export',
    probes: () => [
      {
        url: '/v1/reports/nominations/export?year=2020',
        expect: onlyRoles([Role.BOARD_SPECIALIST, Role.BOARD_HEAD], () => true),
      },
    ],
  },
  {
    route: 'GET /v1/units/{unitCode}/eligibility',
    probes: (f) =>
      sides(f).map(({ p, s }) => ({
        url: `/v1/units/${s.demo.unit('MTTQ')}/eligibility?year=2020&award=CO_THI_DUA_TINH`,
        expect: (r: Reader) => status(seesUnitRecord(r, p, 'MTTQ')),
      })),
  },
  {
    route: 'GET /v1/units/{unitCode}/conditions',
    probes: (f) =>
      sides(f).map(({ p, s }) => ({
        url: `/v1/units/${s.demo.unit('MTTQ')}/conditions`,
        expect: (r: Reader) => status(seesUnitRecord(r, p, 'MTTQ', true)),
      })),
  },
  {
    route: 'GET /v1/blocs',
    probes: (f) => [
      {
        url: '/v1/blocs',
        expect: () => 200,
        list: {
          rows: (body) =>
            (body as { provinceCode: string; blocCode: string }[]).map((b) => ({
              province: b.provinceCode,
              key: `${b.provinceCode}/${b.blocCode}`,
            })),
          allowed: inScopeRow,
          required: (r) =>
            sides(f).flatMap(({ p, s }) => (inProvince(r, p) ? [`${s.demo.provinceCode}/${s.demo.blocCode}`] : [])),
        },
      },
    ],
  },
  {
    route: 'GET /v1/provinces',
    probes: (f) => [
      {
        url: '/v1/provinces',
        expect: () => 200,
        list: {
          rows: (body) => (body as { items: { code: string }[] }).items.map((p) => ({ province: p.code, key: p.code })),
          allowed: inScopeRow,
          required: (r) => sides(f).flatMap(({ p, s }) => (inProvince(r, p) ? [s.demo.provinceCode] : [])),
        },
      },
    ],
  },
  // The organisation of a province: readable by its people and by system-wide readers.
  provinceRow('GET /v1/provinces/{provinceCode}', (d) => `/v1/provinces/${d.provinceCode}`),
  provinceRow('GET /v1/provinces/{provinceCode}/blocs', (d) => `/v1/provinces/${d.provinceCode}/blocs`),
  provinceRow('GET /v1/provinces/{provinceCode}/blocs/{blocCode}', (d) => `/v1/provinces/${d.provinceCode}/blocs/${d.blocCode}`),
  provinceRow(
    'GET /v1/provinces/{provinceCode}/blocs/{blocCode}/memberships',
    (d) => `/v1/provinces/${d.provinceCode}/blocs/${d.blocCode}/memberships`,
  ),
  provinceRow(
    'GET /v1/provinces/{provinceCode}/blocs/{blocCode}/leaderships/{year}',
    (d) => `/v1/provinces/${d.provinceCode}/blocs/${d.blocCode}/leaderships/${d.year}`,
  ),
  provinceRow('GET /v1/provinces/{provinceCode}/units', (d) => `/v1/provinces/${d.provinceCode}/units`),
  provinceRow(
    'GET /v1/provinces/{provinceCode}/units/{unitCode}',
    (d) => `/v1/provinces/${d.provinceCode}/units/${d.unit('MTTQ')}`,
  ),
  // The organisation workbook: read by the province's admin, head of the board and auditor (and system-wide ones).
  provinceRow('GET /v1/provinces/{provinceCode}/workbook/template', (d) => `/v1/provinces/${d.provinceCode}/workbook/template`, [
    Role.ADMIN,
    Role.BOARD_HEAD,
    Role.AUDITOR,
  ]),
  provinceRow('GET /v1/provinces/{provinceCode}/workbook/export', (d) => `/v1/provinces/${d.provinceCode}/workbook/export`, [
    Role.ADMIN,
    Role.BOARD_HEAD,
    Role.AUDITOR,
  ]),
  // Document templates: read by the province's admin, auditor and board (and system-wide ones).
  provinceRow(
    'GET /v1/provinces/{provinceCode}/document-templates',
    (d) => `/v1/provinces/${d.provinceCode}/document-templates`,
    [Role.ADMIN, Role.AUDITOR, Role.BOARD_HEAD, Role.BOARD_SPECIALIST],
  ),
  provinceRow(
    'GET /v1/provinces/{provinceCode}/document-templates/{kind}',
    (d) => `/v1/provinces/${d.provinceCode}/document-templates/quyet-dinh`,
    [Role.ADMIN, Role.AUDITOR, Role.BOARD_HEAD, Role.BOARD_SPECIALIST],
  ),
  {
    route: 'GET /v1/provinces/{provinceCode}/workbook/previews/{previewToken}/problems',
    probes: (f) =>
      sides(f).map(({ p, s }) => ({
        url: `/v1/provinces/${s.demo.provinceCode}/workbook/previews/${s.previewToken}/problems`,
        expect: onlyRoles([Role.ADMIN, Role.BOARD_HEAD, Role.AUDITOR], (r) => inProvince(r, p)),
      })),
  },
  provinceRow('GET /v1/provinces/{provinceCode}/rule-sets', (d) => `/v1/provinces/${d.provinceCode}/rule-sets`),
  provinceRow(
    'GET /v1/provinces/{provinceCode}/rule-sets/{version}',
    (d) => `/v1/provinces/${d.provinceCode}/rule-sets/${d.ruleSetVersions[0]}`,
  ),
  provinceRow(
    'GET /v1/provinces/{provinceCode}/rule-sets/{version}/revisions',
    (d) => `/v1/provinces/${d.provinceCode}/rule-sets/${d.ruleSetVersions[0]}/revisions`,
  ),
  {
    route: 'GET /v1/approvals',
    probes: (f) => [
      {
        url: '/v1/approvals',
        expect: () => 200,
        list: {
          rows: (body) =>
            (body as { chainId: string; subject: { provinceCode: string } }[]).map((c) => ({
              province: c.subject.provinceCode,
              key: c.chainId,
            })),
          allowed: (r, row, fx) => {
            const p = provinceOfCode(fx, row.province);
            return p !== null && row.key === fx[p].chainId ? seesChain(r, p) : inScopeRow(r, row, fx);
          },
          required: (r) => sides(f).flatMap(({ p, s }) => (seesChain(r, p) ? [s.chainId] : [])),
        },
      },
    ],
  },
  {
    route: 'GET /v1/approvals/{chainId}',
    probes: (f) => sides(f).map(({ p, s }) => ({ url: `/v1/approvals/${s.chainId}`, expect: (r) => status(seesChain(r, p)) })),
  },
  { route: 'GET /v1/approvals/definitions', probes: () => [{ url: '/v1/approvals/definitions', expect: () => 200 }] },
  {
    route: 'GET /v1/inbox',
    probes: () => [
      {
        url: '/v1/inbox',
        expect: () => 200,
        list: {
          rows: (body) =>
            (body as { items: { id: string; provinceCode: string }[] }).items.map((i) => ({
              province: i.provinceCode,
              key: i.id,
            })),
          allowed: inScopeRow,
        },
      },
    ],
  },
  {
    route: 'GET /v1/incidents',
    probes: () => [
      {
        url: '/v1/incidents?open=false',
        expect: onlyRoles(AUDITORS, () => true),
        list: {
          rows: (body) =>
            (body as { chainId: string; provinceCode: string }[]).map((i) => ({ province: i.provinceCode, key: i.chainId })),
          allowed: inScopeRow,
        },
      },
    ],
  },
  { route: 'GET /v1/delegations', probes: () => [{ url: '/v1/delegations', expect: () => 200 }] },
  {
    route: 'GET /v1/audit/verify',
    probes: () => [{ url: '/v1/audit/verify', expect: (r) => (AUDITORS.includes(r.role) && system(r) ? 200 : 403) }],
  },
  {
    route: 'GET /v1/admin/security-events',
    probes: () => [
      {
        url: '/v1/admin/security-events',
        expect: onlyRoles(AUDITORS, () => true),
        list: {
          rows: (body) =>
            (body as { items: { id: string; workflowId: string }[] }).items.map((e) => ({
              province: e.workflowId.split('.')[1] ?? null,
              key: e.id,
            })),
          allowed: inScopeRow,
        },
      },
    ],
  },
  {
    route: 'GET /v1/admin/users',
    probes: (f) => [
      {
        url: '/v1/admin/users',
        expect: onlyRoles(AUDITORS, () => true),
        list: {
          rows: (body) => (body as { username: string }[]).map((u) => ({ province: null, key: u.username })),
          allowed: (r, row, fx) => system(r) || (r.province !== undefined && fx.usernames[r.province].has(row.key)),
          required: (r) =>
            sides(f).flatMap(({ p, s }) => (inProvince(r, p) ? [identityUsername(Role.UNIT_HEAD, s.demo.unit('MTTQ'))] : [])),
        },
      },
    ],
  },
  {
    route: 'GET /v1/admin/users/{userId}',
    probes: (f) =>
      sides(f).map(({ p }) => ({
        url: `/v1/admin/users/${f.ids.unitHeadMTTQ[p]}`,
        expect: onlyRoles(AUDITORS, (r) => inProvince(r, p)),
      })),
  },
  {
    route: 'GET /v1/admin/role-grants',
    probes: () => [
      {
        url: '/v1/admin/role-grants?status=ALL',
        expect: onlyRoles(AUDITORS, () => true),
        list: {
          rows: (body) =>
            (body as { id: string; provinceCode: string | null }[]).map((g) => ({ province: g.provinceCode, key: g.id })),
          allowed: inScopeRow,
        },
      },
    ],
  },
  { route: 'GET /v1/auth/me', probes: () => [{ url: '/v1/auth/me', expect: () => 200 }] },
  // The caller's own notification settings: nobody else's can be named.
  { route: 'GET /v1/me/notifications', probes: () => [{ url: '/v1/me/notifications', expect: () => 200 }] },
  // Public: no token needed, nothing scoped.
  { route: 'GET /v1/health', probes: () => [{ url: '/v1/health', expect: () => 200 }] },
  { route: 'GET /v1/health/live', probes: () => [{ url: '/v1/health/live', expect: () => 200 }] },
  { route: 'GET /v1/health/ready', probes: () => [{ url: '/v1/health/ready', expect: () => 200 }] },
  // ---- the province round: its reads are the province's (board, council, chairman) and system-wide readers' ----
  {
    route: 'GET /v1/rounds',
    probes: (f) => [
      {
        url: '/v1/rounds',
        expect: () => 200,
        list: {
          rows: (body) =>
            (body as { roundId: string; provinceCode: string }[]).map((r) => ({ province: r.provinceCode, key: r.roundId })),
          allowed: (r, row, fx) => {
            const p = provinceOfCode(fx, row.province);
            return p !== null && wholeProvince(r, p);
          },
          required: (r) => sides(f).flatMap(({ p }) => (wholeProvince(r, p) ? [f.rounds[p]] : [])),
        },
      },
    ],
  },
  {
    route: 'GET /v1/rounds/{roundId}',
    probes: (f) => sides(f).map(({ p }) => ({ url: `/v1/rounds/${f.rounds[p]}`, expect: (r) => status(wholeProvince(r, p)) })),
  },
  {
    route: 'GET /v1/rounds/{roundId}/events',
    probes: (f) =>
      sides(f).map(({ p }) => ({ url: `/v1/rounds/${f.rounds[p]}/events`, expect: (r) => status(wholeProvince(r, p)) })),
  },
  {
    route: 'GET /v1/rounds/{roundId}/sessions/{sessionId}/minutes',
    probes: (f) => [{ url: `/v1/rounds/${f.rounds.A}/sessions/S1/minutes`, expect: (r) => status(wholeProvince(r, 'A')) }],
  },
  {
    route: 'GET /v1/rounds/{roundId}/documents',
    probes: (f) =>
      sides(f).map(({ p }) => ({ url: `/v1/rounds/${f.rounds[p]}/documents`, expect: (r) => status(wholeProvince(r, p)) })),
  },
  {
    route: 'GET /v1/rounds/{roundId}/documents/{kind}',
    probes: (f) => [
      {
        url: `/v1/rounds/${f.rounds.A}/documents/bien-ban-hop-hoi-dong?format=docx`,
        expect: (r) => status(wholeProvince(r, 'A')),
      },
      // B's round has no approved appraisal yet: 409 to its readers, 404 to everyone else.
      {
        url: `/v1/rounds/${f.rounds.B}/documents/to-trinh-de-nghi-khen-thuong`,
        expect: (r) => (wholeProvince(r, 'B') ? 409 : 404),
      },
    ],
  },
  {
    route: 'GET /v1/council-members',
    probes: (f) =>
      sides(f).map(({ p, s }) => ({
        url: `/v1/council-members?provinceCode=${s.demo.provinceCode}`,
        expect: () => 200,
        list: {
          rows: (body) => (body as { id: string; provinceCode: string }[]).map((m) => ({ province: m.provinceCode, key: m.id })),
          allowed: (r, row, fx) => {
            const p = provinceOfCode(fx, row.province);
            return p !== null && wholeProvince(r, p);
          },
          required: (r) => (p === 'A' && wholeProvince(r, 'A') ? [f.councilMemberA] : []),
        },
      })),
  },
];

// ---- the walk ---------------------------------------------------------------------------------------------------------

describe('Reads scoped to who asks: every reader × every GET route, in and out of scope', () => {
  const ctx = useS1Harness();
  const f = {} as Fixture;
  const http = () => request(ctx.h.app.getHttpServer());
  const headersOf = (r: Reader): Headers => {
    const token = f.tokens.get(r.username(f));
    if (!token) throw new Error(`no token for ${r.name} (${r.username(f)})`);
    return { authorization: `Bearer ${token}` };
  };

  async function startChain(side: Side): Promise<string> {
    const res = await http()
      .post('/v1/approvals')
      .set(as.boardHead(side.demo.provinceCode))
      .send({
        definitionCode: PROVINCIAL_DOSSIER_APPRAISAL_CHAIN.code,
        provinceCode: side.demo.provinceCode,
        blocCode: side.demo.blocCode,
        title: 'Hồ sơ đề nghị khen thưởng năm 2020 của Tỉnh đoàn',
        items: [{ itemId: 'BK-DTN', title: 'Bằng khen – Tỉnh đoàn', subjectUnitCode: side.demo.unit('DTN') }],
      });
    if (res.status !== 201) throw new Error(`chain start: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { chainId: string }).chainId;
  }

  async function preview(side: Side): Promise<string> {
    const base = `/v1/provinces/${side.demo.provinceCode}/workbook`;
    const template = await http()
      .get(`${base}/template`)
      .set(as.admin())
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const res = await http()
      .post(`${base}/preview`)
      .set(as.admin())
      .attach('file', template.body as Buffer, 'mau.xlsx');
    if (res.status !== 200) throw new Error(`workbook preview: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { previewToken: string }).previewToken;
  }

  beforeAll(async () => {
    const { h } = ctx;
    const demoB = await seedDemoProvince(h.dataSource, {
      provinceCode: `${h.demo.provinceCode}B`,
      provinceName: 'Tỉnh thứ hai (thử)',
    });
    const unitsB = S1_UNITS.map((u) => demoB.unit(u.key));
    await provisionIdentities(h.app, h.dataSource, demoB.provinceCode, unitsB);
    f.A = { demo: h.demo, driver: ctx.s1, chainId: '', previewToken: '' };
    f.B = { demo: demoB, driver: new S1Driver(h.app, demoB), chainId: '', previewToken: '' };

    // A: past the ballot, so that sheets are public to the members and nominations exist.
    const a = f.A.driver;
    await a.toConference();
    await a.openBallot();
    await a.castAll();
    await a.closeBallot();

    // B: in the self-assessment, MTTQ and HND assigned to cross-score LĐLĐ; LĐLĐ approved, MTTQ handed in, HND not.
    const b = f.B.driver;
    await b.start();
    const DAY = 86_400_000;
    await b.post(`/v1/cycles/${b.cycleId}/launch`, b.leader, {
      plan: 'Kế hoạch thi đua năm 2020',
      pledgeText: 'Các đơn vị cam kết thực hiện thắng lợi nhiệm vụ chính trị năm 2020',
      criteria: CRITERIA,
      crossScoring: [
        { scorer: b.u('MTTQ'), scored: b.u('LDLD') },
        { scorer: b.u('HND'), scored: b.u('LDLD') },
      ],
      pledgeDeadline: new Date(Date.now() + 30 * DAY).toISOString(),
      selfAssessmentDeadline: new Date(Date.now() + 60 * DAY).toISOString(),
    });
    await b.signAll();
    await b.waitForPhase(Phase.SELF_ASSESSMENT);
    await b.submitAssessment('LDLD');
    await b.approveAssessment('LDLD');
    await b.reviewAssessment('LDLD', 'ACCEPT');
    await b.submitAssessment('MTTQ');

    const uploadFile = async (headers: Headers, cycleId: string, text: string, unitCode?: string) => {
      const res = await http()
        .post('/v1/files')
        .query({ cycleId, ...(unitCode ? { unitCode } : {}) })
        .set(headers)
        .attach('file', Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`), 'tep.pdf');
      if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { sha256: string }).sha256;
    };
    f.files = {
      A: await uploadFile(a.leader, a.cycleId, 'to trinh A'),
      B: await uploadFile(b.leader, b.cycleId, 'to trinh B'),
      sheetB: await uploadFile(as.focal(b.u('LDLD')), b.cycleId, 'minh chung LDLD B', b.u('LDLD')),
    };

    f.A.chainId = await startChain(f.A);
    f.B.chainId = await startChain(f.B);
    f.A.previewToken = await preview(f.A);
    f.B.previewToken = await preview(f.B);

    await createProvinceAccount(h.app, 'quantri.tinhb', Role.ADMIN, demoB.provinceCode);
    await createProvinceAccount(h.app, 'kiemtoan.tinhb', Role.AUDITOR, demoB.provinceCode);

    f.tokens = new Map();
    for (const r of READERS) {
      const username = r.username(f);
      const res = await login(h.app, username);
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      f.tokens.set(username, (res.body as { accessToken: string }).accessToken);
    }
    const names = (p: P) =>
      provinceIdentities(
        f[p].demo.provinceCode,
        S1_UNITS.map((u) => ({ code: f[p].demo.unit(u.key), name: u.name })),
      );
    f.usernames = {
      A: new Set(
        names('A')
          .filter((i) => i.role !== Role.ADMIN && i.role !== Role.AUDITOR)
          .map((i) => i.username),
      ),
      B: new Set([
        ...names('B')
          .filter((i) => i.role !== Role.ADMIN && i.role !== Role.AUDITOR)
          .map((i) => i.username),
        'quantri.tinhb',
        'kiemtoan.tinhb',
      ]),
    };
    const userId = async (username: string) => {
      const rows: { id: string }[] = await h.dataSource.query(`SELECT id FROM users WHERE username = $1`, [username]);
      return rows[0].id;
    };
    f.ids = {
      unitHeadMTTQ: {
        A: await userId(identityUsername(Role.UNIT_HEAD, f.A.demo.unit('MTTQ'))),
        B: await userId(identityUsername(Role.UNIT_HEAD, f.B.demo.unit('MTTQ'))),
      },
    };
    const nominations = (await http().get('/v1/nominations').set(as.admin())).body.items as {
      cycleId: string;
      nomineeId: string;
    }[];
    const first = nominations.find((n) => n.cycleId === a.cycleId);
    if (!first) throw new Error('cycle A has no nomination after its ballot');
    f.nominationKeyA = `${first.cycleId}/${first.nomineeId}`;

    // A round in each province; A's council (one member, without an account) sits once and closes.
    const post = async (path: string, body: object, headers = as.admin(), expected = 201) => {
      const res = await http().post(path).set(headers).send(body);
      if (res.status !== expected) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { roundId: string; id: string };
    };
    const member = await post('/v1/council-members', {
      provinceCode: f.A.demo.provinceCode,
      name: 'Nguyễn Thị Én',
      councilRole: 'UY_VIEN',
      validFrom: '2020-01-01',
    });
    f.councilMemberA = member.id;
    f.rounds = {
      A: (await post('/v1/rounds', { provinceCode: f.A.demo.provinceCode, year: 2020 })).roundId,
      B: (await post('/v1/rounds', { provinceCode: f.B.demo.provinceCode, year: 2020 })).roundId,
    };
    const head = as.boardHead(f.A.demo.provinceCode);
    await post(`/v1/rounds/${f.rounds.A}/sessions`, { sessionDate: '2021-01-15', present: [member.id] }, head, 200);
    await post(`/v1/rounds/${f.rounds.A}/sessions/S1/end`, { end: 'CLOSE' }, head, 200);
  }, 300_000);

  it('given the OpenAPI document the app serves, should have a matrix row for every GET route and none for a route it lacks', async () => {
    const doc = (await http().get('/docs/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(doc.paths)
      .filter(([, ops]) => ops.get !== undefined)
      .map(([path]) => `GET ${path}`)
      .sort();
    const covered = MATRIX.map((row) => row.route).sort();
    expect({ uncovered: served.filter((r) => !covered.includes(r)), stale: covered.filter((r) => !served.includes(r)) }).toEqual({
      uncovered: [],
      stale: [],
    });
    expect(new Set(covered).size).toBe(covered.length);
  });

  it('given the matrix, should cover every role, each both in and out of scope somewhere', () => {
    for (const role of Object.values(Role)) {
      const readers = READERS.filter((r) => r.role === role);
      expect(readers.some((r) => r.province !== 'A')).toBe(true);
      expect(readers.some((r) => r.province !== 'B')).toBe(true);
    }
  });

  it.each(MATRIX.map((row) => [row.route, row] as const))('%s', async (_route, row) => {
    const failures: string[] = [];
    for (const probe of row.probes(f)) {
      for (const reader of READERS) {
        const res = await http().get(probe.url).set(headersOf(reader));
        const expected = probe.expect(reader);
        if (res.status !== expected) {
          failures.push(
            `${reader.name}: GET ${probe.url} answered ${res.status}, expected ${expected} ${JSON.stringify(res.body).slice(0, 200)}`,
          );
          continue;
        }
        if (res.status !== 200 || !probe.list) continue;
        const rows = probe.list.rows(res.body);
        for (const out of rows.filter((x) => !probe.list!.allowed(reader, x, f))) {
          failures.push(`${reader.name}: GET ${probe.url} lists ${out.key} (${out.province ?? 'no province'}), out of scope`);
        }
        const keys = new Set(rows.map((x) => x.key));
        for (const missing of (probe.list.required?.(reader, f) ?? []).filter((k) => !keys.has(k))) {
          failures.push(`${reader.name}: GET ${probe.url} lacks ${missing}, in scope`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('given an out-of-scope cycle, sheet, unit or chain, should answer word for word as for one that does not exist', async () => {
    const reader = headersOf(READERS.find((r) => r.name === `${Role.BOARD_HEAD} of B`)!);
    const a = f.A.driver.cycleId;
    const pairs: [string, string, string, string][] = [
      [`/v1/cycles/${a}`, `/v1/cycles/${a}X`, a, `${a}X`],
      [
        `/v1/units/${f.A.demo.unit('MTTQ')}/awards`,
        `/v1/units/${f.A.demo.unit('MTTQ')}X/awards`,
        f.A.demo.unit('MTTQ'),
        `${f.A.demo.unit('MTTQ')}X`,
      ],
      [`/v1/approvals/${f.A.chainId}`, `/v1/approvals/${f.A.chainId}X`, f.A.chainId, `${f.A.chainId}X`],
      [
        `/v1/provinces/${f.A.demo.provinceCode}/rule-sets`,
        `/v1/provinces/${f.A.demo.provinceCode}X/rule-sets`,
        f.A.demo.provinceCode,
        `${f.A.demo.provinceCode}X`,
      ],
    ];
    for (const [hidden, missing, hiddenId, missingId] of pairs) {
      const [h, m] = await Promise.all([http().get(hidden).set(reader), http().get(missing).set(reader)]);
      const strip = (body: Record<string, unknown>, id: string) => ({
        ...body,
        requestId: undefined,
        detail: String(body.detail).split(id).join('<id>'),
      });
      expect(h.status).toBe(404);
      expect(strip(h.body, hiddenId)).toEqual(strip(m.body, missingId));
    }
    // The sheet of a unit in B's cycle, for a competitor that has not handed in its own: as for a unit not in the cycle.
    const hnd = headersOf(READERS.find((r) => r.name === 'head of HND of B')!);
    const b = f.B.driver.cycleId;
    const sheet = await http()
      .get(`/v1/cycles/${b}/units/${f.B.demo.unit('LDLD')}/assessment`)
      .set(hnd);
    const none = await http()
      .get(`/v1/cycles/${b}/units/${f.B.demo.unit('LDLD')}X/assessment`)
      .set(hnd);
    expect(sheet.status).toBe(404);
    expect({
      ...sheet.body,
      requestId: undefined,
      detail: String(sheet.body.detail).replace(f.B.demo.unit('LDLD'), '<u>'),
    }).toEqual({
      ...none.body,
      requestId: undefined,
      detail: String(none.body.detail).replace(`${f.B.demo.unit('LDLD')}X`, '<u>'),
    });
  });

  it("given a member during the self-assessment, should show in the cycle's own view no other unit's scores", async () => {
    const b = f.B.driver;
    const ldld = f.B.demo.unit('LDLD');
    type View = {
      assessments: Record<string, { status: string; rounds: number; total?: number; scores?: unknown[] }>;
      unitProgress: { unitCode: string; assessmentStatus: string | null; verifiedTotal: number | null }[];
    };
    const view = async (headers: Headers) => (await http().get(`/v1/cycles/${b.cycleId}`).set(headers)).body as View;
    const progress = (v: View) => v.unitProgress.find((u) => u.unitCode === ldld);
    // LĐLĐ's accepted sheet reaches the read model from its assessment workflow: wait until the board sees its total.
    const board = await waitFor('the verified total of the accepted sheet', async () => {
      const v = await view(as.boardHead(f.B.demo.provinceCode));
      return typeof progress(v)?.verifiedTotal === 'number' ? v : undefined;
    });
    for (const name of ['head of HND of B', 'focal person of MTTQ of B']) {
      const member = await view(headersOf(READERS.find((r) => r.name === name)!));
      // Who has handed in stays visible; the scores and totals do not.
      expect(progress(member)).toMatchObject({ assessmentStatus: 'ACCEPTED', verifiedTotal: null });
      const { status, rounds } = board.assessments[ldld];
      expect(member.assessments[ldld]).toEqual({ status, rounds });
    }
    const own = await view(headersOf(READERS.find((r) => r.name === 'Phó khối (head of LĐLĐ) of B')!));
    expect(progress(own)?.verifiedTotal).toBe(progress(board)?.verifiedTotal);
  });
});
