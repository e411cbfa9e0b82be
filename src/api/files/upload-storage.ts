import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { FileTooLargeError, type FileStore, type StagedFile } from '../../files/file-store';
import { detectType, type AllowedContentType } from '../../files/file-type';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from '../common/domain.exception';

/** What the upload route receives from multer: the staged content, its type from the content, the client's name. */
export interface ReceivedFile {
  originalname: string;
  staged: StagedFile;
  contentType: AllowedContentType;
}

type Callback = (error: Error | null, info?: Partial<ReceivedFile>) => void;

/**
 * A multer storage engine that streams the one file part into the store's staging area, hashing as it goes and
 * stopping at the size limit, then decides its type from the content. Nothing is committed here: the route commits
 * after recording; multer's _removeFile (an aborted request, a later failure) discards the staged bytes.
 */
export class StoreStorageEngine {
  constructor(
    private readonly store: FileStore,
    private readonly maxBytes: number,
  ) {}

  _handleFile(_req: Request, file: { stream: Readable }, cb: Callback): void {
    this.receive(file.stream).then(
      (info) => cb(null, info),
      (err: unknown) => cb(err instanceof Error ? err : new Error(String(err))),
    );
  }

  _removeFile(_req: Request, file: Partial<ReceivedFile>, cb: (error: Error | null) => void): void {
    if (!file.staged) return cb(null);
    file.staged.discard().then(
      () => cb(null),
      (err: unknown) => cb(err as Error),
    );
  }

  private async receive(stream: Readable): Promise<Partial<ReceivedFile>> {
    let staged: StagedFile;
    try {
      staged = await this.store.stage(stream, this.maxBytes);
    } catch (err) {
      if (err instanceof FileTooLargeError)
        throw new DomainException(ErrorCode.FILE_TOO_LARGE, `the file is over ${this.maxBytes} bytes (FILE_MAX_BYTES)`);
      throw err;
    }
    const type = await detectType(staged.head, staged.size, (start, length) => staged.readRange(start, length)).catch(() => ({
      ok: false as const,
      reason: 'unreadable',
    }));
    if (!type.ok) {
      await staged.discard();
      throw new DomainException(ErrorCode.FILE_TYPE_NOT_ALLOWED, `the content is ${type.reason}`);
    }
    return { staged, contentType: type.contentType };
  }
}
