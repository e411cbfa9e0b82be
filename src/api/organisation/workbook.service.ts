import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { appendAdministrativeAudit } from '../../db/audit-append';
import { WORKBOOK_ROLES, type Problem, type SheetKey } from '../../domain/workbook/format';
import { planImport, referencesOf, summarise, type ChangeOp, type DiffEntry, type StoredState } from '../../domain/workbook/plan';
import { Role, TWO_PERSON_GRANT_ROLES, type Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { readWorkbook, type FileRefusal } from '../../workbook/reader';
import { writeProblems, writeTable, writeWorkbook } from '../../workbook/writer';
import { DomainException } from '../common/domain.exception';
import { canReadOrganisation, canWriteOrganisation } from './organisation.service';
import { AuthService, type TokenPair } from '../auth/auth.service';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords';

/** The largest workbook accepted; Sơn La's (1,410 units, 3,000 accounts) is about 0.3 MB. */
export const MAX_WORKBOOK_BYTES = 10 * 1024 * 1024;
const PREVIEW_TTL_MS = 2 * 60 * 60 * 1000;
const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** Where a person opens an invitation: the web app's page that sets the first password. */
export const INVITATION_PATH = '/app/kich-hoat';

const REFUSALS: Record<FileRefusal, ErrorCode> = {
  WORKBOOK_NOT_XLSX: ErrorCode.WORKBOOK_NOT_XLSX,
  WORKBOOK_ENCRYPTED: ErrorCode.WORKBOOK_ENCRYPTED,
  WORKBOOK_CORRUPT: ErrorCode.WORKBOOK_CORRUPT,
  WORKBOOK_TOO_LARGE: ErrorCode.WORKBOOK_TOO_LARGE,
};

const IMPORTABLE_ROLES: string[] = WORKBOOK_ROLES.map((r) => r.value);

export interface References {
  usernames: string[];
  unitCodes: string[];
}

/** A change as the preview shows it: before and after only where something existing changes. */
export interface ChangeView {
  sheet: SheetKey;
  op: ChangeOp;
  key: string;
  row: number;
  fields: string[];
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown>;
}

export interface PreviewResult {
  previewToken: string;
  provinceCode: string;
  fileName: string;
  fileSha256: string;
  dataVersion: string;
  expiresAt: string;
  problemCount: number;
  problems: Problem[];
  summary: Record<SheetKey, Record<ChangeOp, number>>;
  changes: ChangeView[];
}

export interface Invitation {
  username: string;
  displayName: string;
  unitCode: string | null;
  role: string;
  token: string;
  link: string;
  expiresAt: string;
}

export interface ApplyResult {
  previewToken: string;
  provinceCode: string;
  summary: Record<SheetKey, Record<ChangeOp, number>>;
  /** Deciding roles proposed, waiting for a second admin (two-person rule). */
  pendingGrants: number;
  invitations: { count: number; fileName: string; sheetBase64: string | null };
}

type PreviewRow = {
  id: string;
  province_code: string;
  file_name: string;
  file_sha256: string;
  data_version: string;
  references: References;
  problems: Problem[];
  diff: DiffEntry[];
  expires_at: Date;
  applied_at: Date | null;
};

/**
 * The organisation workbook of a province: template, export, preview (a dry run that writes nothing but the preview
 * itself) and apply (exactly the previewed diff, in one transaction, only if the data is still the version the
 * preview was computed against). Accounts created in bulk get one-time invitation links, handed back once.
 */
@Injectable()
export class WorkbookService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
  ) {}

  /** The province, if the actor may manage its organisation; otherwise as if it did not exist. */
  /**
   * The province, if the actor may use its workbook: write (preview, apply) for its admin and head of board; read
   * (template, export, a preview's problems) also for an auditor of it or a system-wide one. Otherwise a missing one.
   */
  async province(
    actor: Actor,
    provinceCode: string,
    access: 'read' | 'write' = 'write',
  ): Promise<{ code: string; name: string }> {
    const rows: { code: string; name: string }[] = await this.dataSource.query(
      `SELECT code, name FROM provinces WHERE code = $1`,
      [provinceCode],
    );
    const allowed =
      canWriteOrganisation(actor, provinceCode) ||
      (access === 'read' && actor.role === Role.AUDITOR && canReadOrganisation(actor, provinceCode));
    if (!rows[0] || !allowed) throw new DomainException(ErrorCode.PROVINCE_NOT_FOUND, `no province ${provinceCode}`);
    return rows[0];
  }

  template(): Promise<Buffer> {
    return writeWorkbook({}, { template: true });
  }

  async export(actor: Actor, provinceCode: string): Promise<Buffer> {
    await this.province(actor, provinceCode, 'read');
    const state = await loadState(this.dataSource.manager, provinceCode, null);
    return writeWorkbook({
      blocs: state.blocs,
      units: state.units,
      memberships: state.memberships,
      leaderships: state.leaderships,
      accounts: state.accounts,
    });
  }

  async preview(actor: Actor, provinceCode: string, file: { buffer: Buffer; name: string }): Promise<PreviewResult> {
    await this.province(actor, provinceCode);
    if (file.buffer.length > MAX_WORKBOOK_BYTES) {
      throw new DomainException(ErrorCode.WORKBOOK_TOO_LARGE, `${file.buffer.length} bytes; at most ${MAX_WORKBOOK_BYTES}`);
    }
    const read = await readWorkbook(file.buffer);
    if (!read.ok) throw new DomainException(REFUSALS[read.refusal], read.detail);
    const references = referencesOf(read.sheets);
    const state = await loadState(this.dataSource.manager, provinceCode, references);
    const plan = planImport(read.sheets, read.positions, state, read.problems, read.partial);
    const fileSha256 = sha256(file.buffer);
    const dataVersion = versionOf(state);
    const expiresAt = new Date(Date.now() + PREVIEW_TTL_MS);
    const fileName = file.name.normalize('NFC').slice(0, 300);
    // Previews never applied are kept a day past their expiry (to answer "expired" rather than "not found"), then go.
    await this.dataSource.query(
      `DELETE FROM workbook_previews WHERE applied_at IS NULL AND expires_at < now() - interval '1 day'`,
    );
    const [row]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO workbook_previews (province_code, file_name, file_sha256, data_version, "references", problems, diff, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        provinceCode,
        fileName,
        fileSha256,
        dataVersion,
        JSON.stringify(references),
        JSON.stringify(plan.problems),
        JSON.stringify(plan.diff),
        actor.userId,
        expiresAt,
      ],
    );
    return {
      previewToken: row.id,
      provinceCode,
      fileName,
      fileSha256,
      dataVersion,
      expiresAt: expiresAt.toISOString(),
      problemCount: plan.problems.length,
      problems: plan.problems,
      summary: summarise(plan.diff),
      changes: plan.diff.map(changeView),
    };
  }

  async problemsSheet(actor: Actor, provinceCode: string, token: string): Promise<Buffer> {
    await this.province(actor, provinceCode, 'read');
    const preview = await this.previewRow(this.dataSource.manager, provinceCode, token);
    return writeProblems(preview.problems);
  }

  async apply(actor: Actor, provinceCode: string, token: string): Promise<ApplyResult> {
    await this.province(actor, provinceCode);
    const outcome = await this.dataSource.transaction(async (m) => {
      // Serialises applies of one province; the version check below then sees every earlier commit.
      await m.query(`SELECT code FROM provinces WHERE code = $1 FOR UPDATE`, [provinceCode]);
      const preview = await this.previewRow(m, provinceCode, token, true);
      if (preview.applied_at) {
        throw new DomainException(
          ErrorCode.WORKBOOK_PREVIEW_USED,
          `preview ${token} was applied at ${preview.applied_at.toISOString()}`,
        );
      }
      if (preview.expires_at.getTime() < Date.now()) {
        throw new DomainException(
          ErrorCode.WORKBOOK_PREVIEW_EXPIRED,
          `preview ${token} expired at ${preview.expires_at.toISOString()}`,
        );
      }
      if (preview.problems.length > 0) {
        throw new DomainException(ErrorCode.WORKBOOK_HAS_PROBLEMS, `the previewed file has ${preview.problems.length} problems`);
      }
      const state = await loadState(m, provinceCode, preview.references);
      const version = versionOf(state);
      if (version !== preview.data_version) {
        throw new DomainException(
          ErrorCode.WORKBOOK_STALE,
          `the data of province ${provinceCode} changed since the preview (version ${preview.data_version.slice(0, 12)}, now ${version.slice(0, 12)})`,
        );
      }
      const result = await applyDiff(m, actor, provinceCode, preview.diff);
      const summary = summarise(preview.diff);
      await m.query(`UPDATE workbook_previews SET applied_at = now(), applied_by = $2 WHERE id = $1`, [preview.id, actor.userId]);
      await appendAdministrativeAudit(m, actor, {
        eventId: `workbook:${preview.id}`,
        type: 'WORKBOOK_APPLIED',
        summaryVi: `Nhập tệp tổ chức "${preview.file_name}" cho tỉnh ${provinceCode}: ${summaryVi(summary)}${
          result.pendingGrants > 0 ? `; ${result.pendingGrants} vai trò quyết định chờ quản trị viên khác phê duyệt` : ''
        }`,
        data: {
          provinceCode,
          previewId: preview.id,
          fileName: preview.file_name,
          fileSha256: preview.file_sha256,
          dataVersion: preview.data_version,
          summary,
          pendingGrants: result.pendingGrants,
          invitations: result.invitations.length,
          changes: preview.diff.map((d) => [d.sheet, d.op, d.key, d.fields.join(',')]),
        },
      });
      return { summary, ...result };
    });
    const sheet =
      outcome.invitations.length === 0
        ? null
        : await writeTable(
            'Liên kết kích hoạt',
            ['Tên đăng nhập', 'Họ và tên', 'Mã đơn vị', 'Vai trò', 'Liên kết kích hoạt (dùng một lần)', 'Hết hạn'],
            [24, 30, 18, 30, 80, 22],
            outcome.invitations.map((i) => [
              i.username,
              i.displayName,
              i.unitCode,
              WORKBOOK_ROLES.find((r) => (r.value as string) === i.role)?.label ?? i.role,
              i.link,
              i.expiresAt,
            ]),
          );
    return {
      previewToken: token,
      provinceCode,
      summary: outcome.summary,
      pendingGrants: outcome.pendingGrants,
      invitations: {
        count: outcome.invitations.length,
        fileName: `kich-hoat-tai-khoan-${provinceCode}.xlsx`,
        sheetBase64: sheet ? sheet.toString('base64') : null,
      },
    };
  }

  /**
   * Sets the first password of an invited account; the link works once. The person is signed in by it (the link proved
   * who they are, the password was just set): the answer carries the same session as a login, so activating an account
   * costs one password hash, not a second one for the login that would follow at once.
   */
  async acceptInvitation(token: string, password: string): Promise<{ username: string } & TokenPair> {
    const rows: { id: string; user_id: string; username: string; display_name: string }[] = await this.dataSource.query(
      `SELECT i.id, i.user_id, u.username, u.display_name FROM account_invitations i JOIN users u ON u.id = i.user_id
       WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > now() AND NOT u.disabled`,
      [sha256(Buffer.from(token, 'utf8'))],
    );
    const invitation = rows[0];
    if (!invitation) throw new DomainException(ErrorCode.INVITATION_INVALID, 'unknown, used or expired invitation');
    checkPasswordPolicy(password, { username: invitation.username, displayName: invitation.display_name });
    const hash = await hashPassword(password);
    const session = await this.dataSource.transaction(async (m) => {
      const used: { id: string }[] = await m.query(
        `UPDATE account_invitations SET used_at = now() WHERE id = $1 AND used_at IS NULL RETURNING id`,
        [invitation.id],
      );
      if (used.length === 0) throw new DomainException(ErrorCode.INVITATION_INVALID, 'the invitation was used meanwhile');
      await m.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [invitation.user_id, hash]);
      await m.query(`UPDATE account_invitations SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [
        invitation.user_id,
      ]);
      await appendAdministrativeAudit(
        m,
        { userId: invitation.username, role: 'INVITEE' },
        {
          eventId: `invitation:${invitation.id}`,
          type: 'INVITATION_ACCEPTED',
          summaryVi: `Tài khoản ${invitation.username} được kích hoạt qua liên kết mời và tự đặt mật khẩu`,
          data: { userId: invitation.user_id, invitationId: invitation.id },
        },
      );
      return this.auth.openSession(m, invitation.user_id);
    });
    return { username: invitation.username, ...session };
  }

  private async previewRow(m: EntityManager, provinceCode: string, token: string, lock = false): Promise<PreviewRow> {
    const rows: PreviewRow[] = await m.query(
      `SELECT * FROM workbook_previews WHERE id::text = $1 AND province_code = $2${lock ? ' FOR UPDATE' : ''}`,
      [token, provinceCode],
    );
    if (!rows[0]) throw new DomainException(ErrorCode.WORKBOOK_PREVIEW_NOT_FOUND, `no preview ${token} for ${provinceCode}`);
    return rows[0];
  }
}

function changeView(d: DiffEntry): ChangeView {
  const base = { sheet: d.sheet, op: d.op, key: d.key, row: d.row, fields: d.fields };
  return d.op === 'CREATE' ? base : { ...base, before: d.before, after: d.after };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function versionOf(state: StoredState): string {
  return sha256(Buffer.from(JSON.stringify(state), 'utf8'));
}

const SHEET_VI: Record<SheetKey, string> = {
  blocs: 'khối/cụm',
  units: 'đơn vị',
  memberships: 'thành viên khối',
  leaderships: 'lãnh đạo khối',
  accounts: 'tài khoản và vai trò',
};

function summaryVi(summary: Record<SheetKey, Record<ChangeOp, number>>): string {
  const parts = (Object.keys(summary) as SheetKey[])
    .map((k) => {
      const s = summary[k];
      const bits = [s.CREATE && `thêm ${s.CREATE}`, s.CHANGE && `sửa ${s.CHANGE}`, s.END && `kết thúc ${s.END}`].filter(Boolean);
      return bits.length > 0 ? `${SHEET_VI[k]}: ${bits.join(', ')}` : null;
    })
    .filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'không có thay đổi';
}

/**
 * What is stored for the province, in a fixed order (its hash is the data version). With `references`, also the
 * accounts and other provinces' units the file names; without, the province's rows only (the export).
 */
export async function loadState(m: EntityManager, provinceCode: string, references: References | null): Promise<StoredState> {
  const blocs: StoredState['blocs'] = await m.query(
    `SELECT code, name, kind, from_year AS "fromYear", to_year AS "toYear" FROM blocs WHERE province_code = $1 ORDER BY code`,
    [provinceCode],
  );
  const units: StoredState['units'] = (
    await m.query<(Omit<StoredState['units'][number], 'womenPercent'> & { womenRatio: string | null })[]>(
      `SELECT code, name, short_name AS "shortName", kind, parent_code AS "parentCode", head_count AS "headCount",
              women_ratio AS "womenRatio", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
              to_char(valid_to, 'YYYY-MM-DD') AS "validTo", successor_code AS "successorCode"
       FROM units WHERE province_code = $1 ORDER BY code`,
      [provinceCode],
    )
  ).map(({ womenRatio, ...u }) => ({
    ...u,
    womenPercent: womenRatio === null ? null : Math.round(Number(womenRatio) * 10_000) / 100,
  }));
  const memberships: StoredState['memberships'] = await m.query(
    `SELECT b.code AS "blocCode", ms.unit_code AS "unitCode", to_char(ms.valid_from, 'YYYY-MM-DD') AS "validFrom",
            to_char(ms.valid_to, 'YYYY-MM-DD') AS "validTo"
     FROM bloc_memberships ms JOIN blocs b ON b.id = ms.bloc_id WHERE b.province_code = $1
     ORDER BY b.code, ms.unit_code, ms.valid_from`,
    [provinceCode],
  );
  const leaderships: StoredState['leaderships'] = await m.query(
    `SELECT b.code AS "blocCode", l.year, l.leader_unit_code AS "leaderUnitCode", l.deputy_unit_code AS "deputyUnitCode", l.source
     FROM bloc_leaderships l JOIN blocs b ON b.id = l.bloc_id WHERE b.province_code = $1 ORDER BY b.code, l.year`,
    [provinceCode],
  );
  const accounts: StoredState['accounts'] = await m.query(
    `SELECT username, "displayName", "unitCode", role, status FROM (
       SELECT u.username, u.display_name AS "displayName", r.unit_code AS "unitCode", r.role, 'ACTIVE' AS status
       FROM role_assignments r JOIN users u ON u.id = r.user_id
       WHERE r.province_code = $1 AND r.role = ANY($2) AND (r.valid_to IS NULL OR r.valid_to > now())
       UNION
       SELECT u.username, u.display_name, g.unit_code, g.role, 'PENDING'
       FROM role_grants g JOIN users u ON u.id = g.user_id
       WHERE g.province_code = $1 AND g.role = ANY($2) AND g.status = 'PENDING'
     ) a ORDER BY username, role, "unitCode" NULLS FIRST, status`,
    [provinceCode, IMPORTABLE_ROLES],
  );
  const cycles: StoredState['cycles'] = await m.query(
    `SELECT bloc_code AS "blocCode", year FROM cycles WHERE province_code = $1 ORDER BY bloc_code, year`,
    [provinceCode],
  );
  if (!references) return { provinceCode, blocs, units, memberships, leaderships, accounts, cycles, users: [], foreignUnits: [] };
  const users: StoredState['users'] = await m.query(
    `SELECT u.username, u.display_name AS "displayName",
            EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = u.id AND (r.valid_to IS NULL OR r.valid_to > now())
                    AND (r.province_code IS NULL OR r.province_code <> $2)) AS elsewhere
     FROM users u WHERE u.username = ANY($1) ORDER BY u.username`,
    [references.usernames, provinceCode],
  );
  const foreignUnits: StoredState['foreignUnits'] = await m.query(
    `SELECT code, province_code AS "provinceCode" FROM units WHERE upper(code) = ANY($1) AND province_code <> $2 ORDER BY code`,
    [references.unitCodes, provinceCode],
  );
  return { provinceCode, blocs, units, memberships, leaderships, accounts, cycles, users, foreignUnits };
}

const of = (diff: DiffEntry[], sheet: SheetKey, ...ops: ChangeOp[]) =>
  diff.filter((d) => d.sheet === sheet && ops.includes(d.op)).map((d) => d.after);

/** Set-based statements, a few per sheet, so that thousands of rows apply in seconds. */
async function applyDiff(
  m: EntityManager,
  actor: Actor,
  provinceCode: string,
  diff: DiffEntry[],
): Promise<{ pendingGrants: number; invitations: Invitation[] }> {
  const json = (rows: unknown[]) => JSON.stringify(rows);
  const expect = async (what: string, rows: unknown[], sql: string, params: unknown[]) => {
    if (rows.length === 0) return;
    const answer: unknown[] = await m.query(`${sql} RETURNING 1`, params);
    // TypeORM answers an UPDATE with [rows, count], an INSERT with the rows.
    const written = /^\s*UPDATE/i.test(sql) ? (answer[0] as unknown[]).length : answer.length;
    // A row the diff names but the statement did not touch: the data moved under the preview.
    if (written !== rows.length) {
      throw new DomainException(ErrorCode.WORKBOOK_STALE, `${what}: ${written} of ${rows.length} rows written`);
    }
  };

  const blocCols = `x(code text, name text, kind text, "fromYear" int, "toYear" int)`;
  const newBlocs = of(diff, 'blocs', 'CREATE');
  await expect(
    'blocs created',
    newBlocs,
    `INSERT INTO blocs (province_code, code, name, kind, from_year, to_year)
     SELECT $1, x.code, x.name, x.kind, x."fromYear", x."toYear" FROM jsonb_to_recordset($2::jsonb) AS ${blocCols}`,
    [provinceCode, json(newBlocs)],
  );
  const changedBlocs = of(diff, 'blocs', 'CHANGE', 'END');
  await expect(
    'blocs changed',
    changedBlocs,
    `UPDATE blocs b SET name = x.name, kind = x.kind, from_year = x."fromYear", to_year = x."toYear", updated_at = now()
     FROM jsonb_to_recordset($2::jsonb) AS ${blocCols} WHERE b.province_code = $1 AND b.code = x.code`,
    [provinceCode, json(changedBlocs)],
  );

  const unitCols = `x(code text, name text, "shortName" text, kind text, "parentCode" text, "headCount" int, "womenPercent" numeric,
                       "validFrom" date, "validTo" date, "successorCode" text)`;
  const newUnits = of(diff, 'units', 'CREATE');
  await expect(
    'units created',
    newUnits,
    `INSERT INTO units (code, province_code, name, kind, valid_from) SELECT x.code, $1, x.name, x.kind, x."validFrom"
     FROM jsonb_to_recordset($2::jsonb) AS ${unitCols}`,
    [provinceCode, json(newUnits)],
  );
  // Parents and successors are units too, possibly created by this same import: set once all exist.
  const allUnits = of(diff, 'units', 'CREATE', 'CHANGE', 'END');
  await expect(
    'units written',
    allUnits,
    `UPDATE units u SET name = x.name, short_name = x."shortName", kind = x.kind, parent_code = x."parentCode",
       head_count = x."headCount", women_ratio = round(x."womenPercent" / 100, 4), valid_from = x."validFrom",
       valid_to = x."validTo", successor_code = x."successorCode",
       succeeded_on = CASE WHEN x."successorCode" IS NULL THEN NULL ELSE coalesce(x."validTo", u.succeeded_on) END,
       updated_at = now()
     FROM jsonb_to_recordset($2::jsonb) AS ${unitCols} WHERE u.province_code = $1 AND u.code = x.code`,
    [provinceCode, json(allUnits)],
  );

  const memberCols = `x("blocCode" text, "unitCode" text, "validFrom" date, "validTo" date)`;
  // Ends first: a unit that moves leaves its old bloc before it joins the new one (one bloc per unit per day).
  const changedMemberships = of(diff, 'memberships', 'CHANGE', 'END');
  await expect(
    'memberships changed',
    changedMemberships,
    `UPDATE bloc_memberships ms SET valid_to = x."validTo", updated_at = now()
     FROM jsonb_to_recordset($2::jsonb) AS ${memberCols}, blocs b
     WHERE b.province_code = $1 AND b.code = x."blocCode" AND ms.bloc_id = b.id AND ms.unit_code = x."unitCode"
       AND ms.valid_from = x."validFrom"`,
    [provinceCode, json(changedMemberships)],
  );
  const newMemberships = of(diff, 'memberships', 'CREATE');
  await expect(
    'memberships created',
    newMemberships,
    `INSERT INTO bloc_memberships (bloc_id, unit_code, valid_from, valid_to)
     SELECT b.id, x."unitCode", x."validFrom", x."validTo" FROM jsonb_to_recordset($2::jsonb) AS ${memberCols}
     JOIN blocs b ON b.province_code = $1 AND b.code = x."blocCode"`,
    [provinceCode, json(newMemberships)],
  );

  const leaderCols = `x("blocCode" text, year int, "leaderUnitCode" text, "deputyUnitCode" text)`;
  const newLeaderships = of(diff, 'leaderships', 'CREATE');
  await expect(
    'leaderships created',
    newLeaderships,
    `INSERT INTO bloc_leaderships (bloc_id, year, leader_unit_code, deputy_unit_code, source)
     SELECT b.id, x.year, x."leaderUnitCode", x."deputyUnitCode", 'INITIAL' FROM jsonb_to_recordset($2::jsonb) AS ${leaderCols}
     JOIN blocs b ON b.province_code = $1 AND b.code = x."blocCode"`,
    [provinceCode, json(newLeaderships)],
  );
  const changedLeaderships = of(diff, 'leaderships', 'CHANGE');
  await expect(
    'leaderships changed',
    changedLeaderships,
    `UPDATE bloc_leaderships l SET leader_unit_code = x."leaderUnitCode", deputy_unit_code = x."deputyUnitCode"
     FROM jsonb_to_recordset($2::jsonb) AS ${leaderCols}, blocs b
     WHERE b.province_code = $1 AND b.code = x."blocCode" AND l.bloc_id = b.id AND l.year = x.year
       AND l.source IN ('INITIAL', 'SEEDED')`,
    [provinceCode, json(changedLeaderships)],
  );

  return applyAccounts(m, actor, provinceCode, diff);
}

async function applyAccounts(
  m: EntityManager,
  actor: Actor,
  provinceCode: string,
  diff: DiffEntry[],
): Promise<{ pendingGrants: number; invitations: Invitation[] }> {
  type Grant = { username: string; displayName: string; unitCode: string | null; role: Role; newAccount: boolean };
  const grants = of(diff, 'accounts', 'CREATE') as unknown as Grant[];
  const renamed = of(diff, 'accounts', 'CHANGE') as { username: string; displayName: string }[];
  const fresh = new Map<string, Grant>();
  for (const g of grants) if (g.newAccount && !fresh.has(g.username)) fresh.set(g.username, g);
  const created: { id: string; username: string }[] =
    fresh.size === 0
      ? []
      : await m.query(
          `INSERT INTO users (username, display_name) SELECT x.username, x."displayName"
           FROM jsonb_to_recordset($1::jsonb) AS x(username text, "displayName" text) RETURNING id, username`,
          [JSON.stringify([...fresh.values()].map((g) => ({ username: g.username, displayName: g.displayName })))],
        );
  if (renamed.length > 0) {
    await m.query(
      `UPDATE users u SET display_name = x."displayName", updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS x(username text, "displayName" text) WHERE u.username = x.username`,
      [JSON.stringify(renamed)],
    );
  }
  const direct = grants.filter((g) => !TWO_PERSON_GRANT_ROLES.includes(g.role));
  const proposed = grants.filter((g) => TWO_PERSON_GRANT_ROLES.includes(g.role));
  const grantCols = `x(username text, role text, "unitCode" text)`;
  if (direct.length > 0) {
    await m.query(
      `INSERT INTO role_assignments (user_id, role, province_code, unit_code, valid_from, granted_by, reason)
       SELECT u.id, x.role, $1, x."unitCode", now(), $3, 'Nhập từ tệp tổ chức' FROM jsonb_to_recordset($2::jsonb) AS ${grantCols}
       JOIN users u ON u.username = x.username`,
      [provinceCode, JSON.stringify(direct), actor.userId],
    );
  }
  if (proposed.length > 0) {
    // The two-person rule holds for bulk grants too: a deciding role is proposed here and approved by another admin.
    await m.query(
      `INSERT INTO role_grants (user_id, role, province_code, unit_code, valid_from, reason, status, proposed_by)
       SELECT u.id, x.role, $1, x."unitCode", now(), 'Nhập từ tệp tổ chức', 'PENDING', $3
       FROM jsonb_to_recordset($2::jsonb) AS ${grantCols} JOIN users u ON u.username = x.username`,
      [provinceCode, JSON.stringify(proposed), actor.userId],
    );
  }
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const invitations: Invitation[] = created.map((c) => {
    const g = fresh.get(c.username)!;
    const token = randomBytes(32).toString('base64url');
    return {
      username: c.username,
      displayName: g.displayName,
      unitCode: g.unitCode,
      role: g.role,
      token,
      link: `${INVITATION_PATH}#${token}`,
      expiresAt: expiresAt.toISOString(),
    };
  });
  if (invitations.length > 0) {
    const ids = new Map(created.map((c) => [c.username, c.id]));
    await m.query(
      `INSERT INTO account_invitations (user_id, token_hash, expires_at, created_by)
       SELECT x.id, x.hash, $2, $3 FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, hash text)`,
      [
        JSON.stringify(invitations.map((i) => ({ id: ids.get(i.username), hash: sha256(Buffer.from(i.token, 'utf8')) }))),
        expiresAt,
        actor.userId,
      ],
    );
  }
  return { pendingGrants: proposed.length, invitations };
}
