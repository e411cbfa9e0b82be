import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    // A database that does not answer fails a request after 10 s (503) instead of holding it until the client gives up.
    extra: { max: 10, connectionTimeoutMillis: 10_000 },
  };
}

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}

/** For the TypeORM CLI (migration:generate / run / revert). */
export default createDataSource(process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5433/thidua');
