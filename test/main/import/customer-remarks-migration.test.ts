import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { openStore } from '../../../src/main/db/store';
import { MutationRunner } from '../../../src/main/services/mutations';
import { WorkspaceService } from '../../../src/main/services/workspace-service';
import { writeCsv } from '../../support/import-files';
import { useTempDirs } from '../../support/temp-dir';
import { call, manualClock, startCore } from '../../support/test-core';

const tempDir = useTempDirs();

describe('migration 0008 (customer remarks)', () => {
  it('keeps every customer of a version-7 store as it was, without remarks, and an export then gives them theirs', async () => {
    const dir = tempDir();
    const clock = manualClock();
    // What version 7 left on disk: the demo workspace written through it.
    const before8 = [...MIGRATIONS].filter((m) => m.version < 8).sort((a, b) => a.version - b.version);
    const v7 = openStore(dir, clock.now, { migrations: before8 });
    new WorkspaceService(v7.db, clock, new MutationRunner(v7.db, clock, () => undefined)).createDemo();
    const frozen = v7.db.prepare('SELECT * FROM customers ORDER BY id').all() as Record<string, unknown>[];
    expect(frozen.length).toBeGreaterThan(100);
    v7.db.close();

    const core = startCore(dir, clock);
    try {
      const after = core.db.prepare('SELECT * FROM customers ORDER BY id').all() as Record<string, unknown>[];
      expect(after).toEqual(frozen.map((row) => ({ ...row, remarks: null })));

      const known = frozen[0] as { customer_no: string; name: string; phone: string };
      const path = writeCsv(tempDir(), 'customers.csv', [['客户编号', '姓名', '手机', '备注'], [known.customer_no, known.name, known.phone, '只在周末联系']], { encoding: 'gb18030' });
      const { value } = core.upload('customers.csv', readFileSync(path)) as { ok: true; value: { fileId: string } };
      const { preview } = await call(core, 'import.preview', { fileId: value.fileId });
      const applied = await call(core, 'import.apply', { fileId: value.fileId, mapping: preview.guess!.mapping });
      expect(applied.updated).toBe(1);
      expect(core.db.prepare('SELECT remarks FROM customers WHERE customer_no = ?').get(known.customer_no)).toEqual({ remarks: '只在周末联系' });
    } finally {
      core.close();
    }
  });
});
