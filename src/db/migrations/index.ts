import { InitialSchema1795337528399 } from './1795337528399-InitialSchema';

/** Listed explicitly so the compiled app and the TypeORM CLI apply the same migrations in the same order. */
export const MIGRATIONS = [InitialSchema1795337528399];
