/** The little of PouchDB's API the sync benchmark uses (the packages ship no typings). */
export interface PouchDatabase {
  bulkDocs(docs: object[]): Promise<unknown>;
  info(): Promise<{ doc_count: number }>;
  close(): Promise<void>;
}

export interface PouchStatic {
  new (name: string, options?: object): PouchDatabase;
  defaults(options: object): PouchStatic;
  replicate(source: string | PouchDatabase, target: string | PouchDatabase, options?: object): Promise<{ ok: boolean; docs_written: number; errors: unknown[] }>;
  version: string;
}
