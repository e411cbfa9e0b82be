import { Global, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { loadFilesConfig, type AppConfig, type FilesConfig } from '../../config/config';
import { LocalFileStore, type FileStore } from '../../files/file-store';
import { APP_CONFIG } from '../temporal/temporal.module';
import { FilesController } from './files.controller';
import { FILE_STORE, FILES_CONFIG, FilesService } from './files.service';
import { StoreStorageEngine } from './upload-storage';

/** The file store and its settings, for the upload route, the dossier and sheet checks and the audit. */
@Global()
@Module({
  providers: [
    {
      provide: FILES_CONFIG,
      useFactory: (config: AppConfig): FilesConfig => config.files ?? loadFilesConfig(process.env),
      inject: [APP_CONFIG],
    },
    {
      provide: FILE_STORE,
      useFactory: async (files: FilesConfig): Promise<FileStore> => {
        const store = new LocalFileStore(files.storeDir);
        await store.init();
        return store;
      },
      inject: [FILES_CONFIG],
    },
  ],
  exports: [FILE_STORE, FILES_CONFIG],
})
export class FileStoreModule {}

@Global()
@Module({
  imports: [
    FileStoreModule,
    MulterModule.registerAsync({
      useFactory: (store: FileStore, files: FilesConfig) => ({
        storage: new StoreStorageEngine(store, files.maxFileBytes),
        defParamCharset: 'utf8',
        limits: { fileSize: files.maxFileBytes, files: 1, fields: 0, parts: 1 },
      }),
      inject: [FILE_STORE, FILES_CONFIG],
    }),
  ],
  controllers: [FilesController],
  providers: [FilesService],
  exports: [FilesService],
})
export class FilesModule {}
