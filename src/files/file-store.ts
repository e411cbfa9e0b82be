import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Uploaded files, content-addressed by SHA-256: a file's name in the store is the hash of its bytes, so the same
 * file uploaded twice is stored once and a changed byte shows as a hash that no longer matches. The API and the
 * audit check talk to this interface only, so an object store (S3-compatible) can replace the local directory.
 */
export interface FileStore {
  /** Streams `source` into a staging object while hashing it; nothing is visible under a hash until commit. */
  stage(source: Readable, limitBytes?: number): Promise<StagedFile>;
  /** The whole stored content of a hash, or undefined when the store has none. */
  read(sha256: string): Promise<Buffer | undefined>;
  has(sha256: string): Promise<boolean>;
  /** Where the store keeps its objects (for people and logs). */
  describe(): string;
}

export interface StagedFile {
  sha256: string;
  size: number;
  /** The first bytes (magic numbers). */
  head: Buffer;
  /** Reads a byte range of the staged content (the zip directory of an Office file is at its end). */
  readRange(start: number, length: number): Promise<Buffer>;
  /** Makes the content visible under its hash (durably); a hash already stored is kept as it is. */
  commit(): Promise<void>;
  /** Drops the staged content; safe after commit and more than once. */
  discard(): Promise<void>;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
const HEAD_BYTES = 64;
/** Staging files older than this are left over by a crash mid-upload and removed at start. */
const STALE_STAGING_MS = 60 * 60 * 1000;

export class FileTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the file is over ${limitBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/**
 * The local directory store: `<dir>/sha256/ab/cd/<hash>`. An upload is written to `<dir>/tmp/` (same file system),
 * fsynced, then renamed into place and its directory fsynced: a crash or an aborted request leaves either the whole
 * file under its hash or nothing there (at most a staging file, removed at the next start).
 */
export class LocalFileStore implements FileStore {
  private readonly tmpDir: string;

  constructor(private readonly dir: string) {
    this.tmpDir = path.join(dir, 'tmp');
  }

  describe(): string {
    return `local directory ${this.dir}`;
  }

  /** Creates the directories and removes stale staging files. */
  async init(): Promise<void> {
    await mkdir(path.join(this.dir, 'sha256'), { recursive: true });
    await mkdir(this.tmpDir, { recursive: true });
    const now = Date.now();
    for (const name of await readdir(this.tmpDir)) {
      const file = path.join(this.tmpDir, name);
      const info = await stat(file).catch(() => undefined);
      if (info && now - info.mtimeMs > STALE_STAGING_MS) await rm(file, { force: true });
    }
  }

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new TypeError(`not a SHA-256: ${sha256}`);
    return path.join(this.dir, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    return (await stat(this.pathOf(sha256)).catch(() => undefined))?.isFile() ?? false;
  }

  async read(sha256: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.pathOf(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async stage(source: Readable, limitBytes = Number.POSITIVE_INFINITY): Promise<StagedFile> {
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = path.join(this.tmpDir, `upload-${randomBytes(12).toString('hex')}`);
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    const out = createWriteStream(tmp, { flags: 'wx' });
    let tooLarge = false;
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            // Over the limit: nothing more is written, and the rest is read to its end (the HTTP layer stops sending
            // at the limit) so that the request's other parts and its answer are not cut off mid-stream.
            if (size > limitBytes) tooLarge = true;
            if (tooLarge) continue;
            hash.update(chunk);
            if (headLength < HEAD_BYTES) {
              head.push(chunk.subarray(0, HEAD_BYTES - headLength));
              headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
            }
            yield chunk;
          }
        },
        out,
      );
      if (tooLarge) throw new FileTooLargeError(limitBytes);
      const fd = await open(tmp, 'r');
      try {
        await fd.sync();
      } finally {
        await fd.close();
      }
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    const sha256 = hash.digest('hex');
    let done = false;
    const discard = async () => {
      done = true;
      await rm(tmp, { force: true });
    };
    return {
      sha256,
      size,
      head: Buffer.concat(head),
      readRange: async (start, length) => {
        const fd = await open(tmp, 'r');
        try {
          const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - start)));
          await fd.read(buffer, 0, buffer.length, start);
          return buffer;
        } finally {
          await fd.close();
        }
      },
      commit: async () => {
        if (done) throw new Error('the staged file was already committed or discarded');
        const target = this.pathOf(sha256);
        if (await this.has(sha256)) return discard();
        await mkdir(path.dirname(target), { recursive: true });
        await rename(tmp, target);
        done = true;
        await syncDirectory(path.dirname(target));
      },
      discard,
    };
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const fd = await open(dir, 'r');
  try {
    await fd.sync();
  } finally {
    await fd.close();
  }
}
