import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { FilesConfig } from '../../config/config';
import { SHA256_HEX, type FileStore, type StagedFile } from '../../files/file-store';
import { sanitiseFileName } from '../../files/file-name';
import type { AllowedContentType } from '../../files/file-type';
import { Role, type Actor } from '../../shared/actors';
import type { CriterionScore, SubmitDossierCommand } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import { dossierFiles, evidenceFiles } from '../../shared/file-refs';
import { DomainException } from '../common/domain.exception';
import { ReadScopeService, type ScopedCycle } from '../common/read-scope.service';

export const FILE_STORE = Symbol('FILE_STORE');
export const FILES_CONFIG = Symbol('FILES_CONFIG');

/** The roles that take steps with files: unit people, the board's specialist and head. */
export const UPLOADER_ROLES = [Role.UNIT_HEAD, Role.UNIT_FOCAL, Role.BOARD_SPECIALIST, Role.BOARD_HEAD];

const CYCLE_ID = /^[A-Za-z0-9_.-]{1,200}$/;
const UNIT_CODE = /^[A-Za-z0-9_-]{1,64}$/;

export interface UploadScope {
  cycleId: string;
  /** '' for a file of the cycle (the bloc's dossier). */
  unitCode: string;
}

export interface StoredFileView {
  sha256: string;
  size: number;
  contentType: string;
  name: string;
  cycleId: string;
  unitCode: string | null;
  uploadedAt: string;
}

interface FileRow {
  sha256: string;
  size: string;
  content_type: string;
  name: string;
  cycle_id: string;
  unit_code: string;
  uploaded_at: Date;
}

const toView = (r: FileRow): StoredFileView => ({
  sha256: r.sha256,
  size: Number(r.size),
  contentType: r.content_type,
  name: r.name,
  cycleId: r.cycle_id,
  unitCode: r.unit_code || null,
  uploadedAt: r.uploaded_at.toISOString(),
});

/** A file whose bytes no longer give their hash, or that is gone from the store. */
export interface FileProblem {
  sha256: string;
  problem: 'TAMPERED' | 'MISSING';
  detail: string;
}

@Injectable()
export class FilesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: ReadScopeService,
    @Inject(FILE_STORE) private readonly store: FileStore,
    @Inject(FILES_CONFIG) readonly config: FilesConfig,
  ) {}

  /**
   * Who may upload where, checked before a byte is read: a unit's score-sheet evidence by whoever may read that sheet
   * (its unit, the bloc's leadership, its cross scorers, the board); a file of the cycle (the dossier) by the board or
   * the head of the unit that leads or deputises for the bloc. Out of scope reads as missing, like the reads.
   */
  async uploadScope(actor: Actor, query: Record<string, unknown>): Promise<UploadScope> {
    const cycleId = query.cycleId;
    const unitCode = query.unitCode ?? '';
    if (typeof cycleId !== 'string' || !CYCLE_ID.test(cycleId))
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'cycleId (query) is required: the cycle the file is for');
    if (typeof unitCode !== 'string' || (unitCode !== '' && !UNIT_CODE.test(unitCode)))
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'unitCode (query) must be a unit code');
    if (unitCode) {
      await this.scope.requireScoreSheet(actor, cycleId, unitCode);
      return { cycleId, unitCode };
    }
    const cycle = await this.scope.requireCycle(actor, cycleId);
    if (!this.mayAttachToCycle(actor, cycle))
      throw new DomainException(
        ErrorCode.FORBIDDEN_ACTOR,
        "a file of the cycle (the dossier) is uploaded by the bloc's Trưởng or Phó khối or the board; a unit's evidence names unitCode",
      );
    return { cycleId, unitCode: '' };
  }

  private mayAttachToCycle(actor: Actor, cycle: ScopedCycle): boolean {
    if (actor.role === Role.BOARD_SPECIALIST || actor.role === Role.BOARD_HEAD) return true;
    if (actor.role !== Role.UNIT_HEAD || !actor.unitCode) return false;
    return (
      actor.unitCode === cycle.leaderUnit ||
      actor.unitCode === cycle.deputyUnit ||
      (actor.leads ?? []).some((l) => l.blocCode === cycle.blocCode)
    );
  }

  /**
   * Keeps a staged upload: its content under its hash (once, however often it is sent), then its row for the scope.
   * A scope that already has the same content keeps its first row and name.
   */
  async record(
    actor: Actor,
    scope: UploadScope,
    staged: StagedFile,
    contentType: AllowedContentType,
    rawName: string,
  ): Promise<StoredFileView> {
    const name = sanitiseFileName(rawName, contentType);
    await staged.commit();
    await this.dataSource.query(
      `INSERT INTO files (sha256, size, content_type, name, cycle_id, unit_code, uploaded_by, uploaded_role)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT ON CONSTRAINT uq_files_scope DO NOTHING`,
      [staged.sha256, staged.size, contentType, name, scope.cycleId, scope.unitCode, actor.userId, actor.role],
    );
    const rows: FileRow[] = await this.dataSource.query(
      `SELECT * FROM files WHERE sha256 = $1 AND cycle_id = $2 AND unit_code = $3`,
      [staged.sha256, scope.cycleId, scope.unitCode],
    );
    return toView(rows[0]);
  }

  /** The file's record and bytes if the reader may read one of the scopes it was uploaded for; re-hashed first. */
  async download(actor: Actor, sha256: string): Promise<{ file: StoredFileView; content: Buffer }> {
    const notFound = new DomainException(ErrorCode.FILE_NOT_FOUND, `no file ${sha256}`);
    if (!SHA256_HEX.test(sha256)) throw notFound;
    const rows: FileRow[] = await this.dataSource.query(`SELECT * FROM files WHERE sha256 = $1 ORDER BY uploaded_at`, [sha256]);
    let readable: FileRow | undefined;
    for (const row of rows) {
      if (await this.mayRead(actor, row)) {
        readable = row;
        break;
      }
    }
    if (!readable) throw notFound;
    const content = await this.store.read(sha256);
    if (!content)
      throw new DomainException(ErrorCode.FILE_CONTENT_MISSING, `the store (${this.store.describe()}) has no ${sha256}`);
    const actual = createHash('sha256').update(content).digest('hex');
    if (actual !== sha256) throw new DomainException(ErrorCode.FILE_TAMPERED, `the stored bytes of ${sha256} hash to ${actual}`);
    return { file: toView(readable), content };
  }

  private async mayRead(actor: Actor, row: FileRow): Promise<boolean> {
    try {
      if (row.unit_code) await this.scope.requireScoreSheet(actor, row.cycle_id, row.unit_code);
      else await this.scope.requireCycle(actor, row.cycle_id);
      return true;
    } catch (err) {
      if (err instanceof DomainException) return false;
      throw err;
    }
  }

  /**
   * Before a dossier is sent to its workflow: every file it names was uploaded for this cycle, and all together stay
   * within FILE_MAX_DOSSIER_BYTES.
   */
  async checkDossier(
    cycleId: string,
    cmd: Pick<SubmitDossierCommand, 'toTrinh' | 'achievementReports' | 'signedScans'>,
  ): Promise<void> {
    const hashes = [...new Set(dossierFiles(cmd).map((f) => f.sha256))];
    if (hashes.length === 0) return;
    const rows: { sha256: string; size: string }[] = await this.dataSource.query(
      `SELECT DISTINCT sha256, size FROM files WHERE cycle_id = $1 AND sha256 = ANY($2)`,
      [cycleId, hashes],
    );
    const missing = hashes.filter((h) => !rows.some((r) => r.sha256 === h));
    if (missing.length > 0)
      throw new DomainException(ErrorCode.FILE_NOT_UPLOADED, `not uploaded for ${cycleId}: ${missing.join(', ')}`);
    const total = rows.reduce((n, r) => n + Number(r.size), 0);
    if (total > this.config.maxDossierBytes)
      throw new DomainException(
        ErrorCode.DOSSIER_FILES_TOO_LARGE,
        `the dossier's files add up to ${total} bytes, over ${this.config.maxDossierBytes}`,
      );
  }

  /** Before a score sheet is sent: every `sha256:` evidence reference names a file uploaded for this unit's sheet. */
  async checkEvidence(cycleId: string, unitCode: string, scores: readonly CriterionScore[] | undefined): Promise<void> {
    const hashes = [...new Set(evidenceFiles(scores ?? []).map((f) => f.sha256))];
    if (hashes.length === 0) return;
    const rows: { sha256: string }[] = await this.dataSource.query(
      `SELECT sha256 FROM files WHERE cycle_id = $1 AND unit_code = $2 AND sha256 = ANY($3)`,
      [cycleId, unitCode, hashes],
    );
    const missing = hashes.filter((h) => !rows.some((r) => r.sha256 === h));
    if (missing.length > 0)
      throw new DomainException(
        ErrorCode.FILE_NOT_UPLOADED,
        `not uploaded as evidence of ${unitCode} in ${cycleId}: ${missing.join(', ')}`,
      );
  }

  /** Re-hashes the stored content of each hash; answers the ones that are missing or changed. */
  async checkContents(hashes: Iterable<string>): Promise<FileProblem[]> {
    const problems: FileProblem[] = [];
    for (const sha256 of new Set(hashes)) {
      if (!SHA256_HEX.test(sha256)) {
        problems.push({ sha256, problem: 'MISSING', detail: 'not a SHA-256' });
        continue;
      }
      const content = await this.store.read(sha256);
      if (!content) {
        problems.push({ sha256, problem: 'MISSING', detail: `not in the store (${this.store.describe()})` });
        continue;
      }
      const actual = createHash('sha256').update(content).digest('hex');
      if (actual !== sha256) problems.push({ sha256, problem: 'TAMPERED', detail: `the stored bytes hash to ${actual}` });
    }
    return problems;
  }

  /** Stored contents for the evidence bundle: each hash's record (first upload) and bytes as the store has them. */
  async contents(
    hashes: Iterable<string>,
  ): Promise<{ sha256: string; name: string | null; contentType: string | null; content: Buffer | null }[]> {
    const out = [];
    for (const sha256 of [...new Set(hashes)].sort()) {
      const rows: FileRow[] = SHA256_HEX.test(sha256)
        ? await this.dataSource.query(`SELECT * FROM files WHERE sha256 = $1 ORDER BY uploaded_at LIMIT 1`, [sha256])
        : [];
      const content = SHA256_HEX.test(sha256) ? ((await this.store.read(sha256)) ?? null) : null;
      out.push({ sha256, name: rows[0]?.name ?? null, contentType: rows[0]?.content_type ?? null, content });
    }
    return out;
  }
}
