/** Opening and closing a catalog: the database with migrations applied, and its repositories. */
import { openDatabase, type OpenOptions } from '../../db/connection.ts';
import { createRepositories, type Repositories } from '../../repositories/index.ts';

export interface Catalog extends Repositories {
  file: string;
  close(): void;
}

export function openCatalog(file: string, opts: OpenOptions = {}): Catalog {
  const db = openDatabase(file, opts);
  const repos = createRepositories(db);
  return {
    ...repos,
    file,
    close: () => {
      if (db.open) db.close();
    },
  };
}
