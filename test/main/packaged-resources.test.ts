/**
 * What the core reads, the package ships: the resources electron-builder.yml copies into the
 * installer (extraResources with its filter) are enough for the core to start with every rule,
 * preset, calendar, script and import table it loads, and nothing it reads is left behind.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CALLBACK_TYPES } from '../../src/shared/domain/model';
import { ScriptCatalog } from '../../src/main/services/script-catalog';
import { call, REPO_ROOT, RESOURCES_DIR, startCore } from '../support/test-core';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

interface ExtraResource {
  from: string;
  to: string;
  filter?: string[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The resources folder as the installer lays it out, from electron-builder.yml's own rules. */
function packagedResources(): { dir: string; shipped: string[] } {
  const config = parse(readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as { extraResources: ExtraResource[] };
  const entry = config.extraResources.find((extra) => extra.from === 'resources');
  if (!entry) throw new Error('electron-builder.yml ships no resources folder');
  const out = join(tempDir(), entry.to);
  const shipped: string[] = [];
  for (const file of filesUnder(RESOURCES_DIR)) {
    const path = relative(RESOURCES_DIR, file).split('\\').join('/');
    if (entry.filter && !entry.filter.some((pattern) => minimatch(path, pattern))) continue;
    mkdirSync(dirname(join(out, path)), { recursive: true });
    cpSync(file, join(out, path));
    shipped.push(path);
  }
  return { dir: out, shipped };
}

describe('the resources the installer ships', () => {
  it('are all the core needs: it starts on them with no problem logged, plans callbacks and has a script for every callback type', async () => {
    const { dir, shipped } = packagedResources();
    expect(shipped.length).toBeGreaterThan(0);
    const logged: string[] = [];
    const core = startCore(tempDir(), undefined, dir, { log: (message: string) => void logged.push(message) });
    try {
      await call(core, 'workspace.createDemo', {});
      const sla = await call(core, 'sla.get', {});
      expect(sla.preset).toBe('000');
      // Planning refuses to run (and `call` throws) when the planning rules did not load.
      await call(core, 'planning.run', {});
    } finally {
      core.close();
    }
    // A missing file is logged by the loader that needed it (planning rules, SLA sources, tier table).
    expect(logged).toEqual([]);
    const catalog = new ScriptCatalog(join(dir, 'scripts'));
    expect(catalog.problems).toEqual([]);
    for (const type of CALLBACK_TYPES) expect(catalog.forType(type).script, type).not.toBeNull();
  });
});
