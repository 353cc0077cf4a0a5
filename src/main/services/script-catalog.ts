import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoreError } from '../../shared/api/result';
import type { CallbackType } from '../../shared/domain/model';
import { loadScript, type ScriptProblem } from '../../shared/scripts/script-interpreter';
import type { Script } from '../../shared/scripts/script-schema';

export interface ScriptLookup {
  script: Script | null;
  problem: ScriptProblem | null;
}

/**
 * Loads every script file once at start. A broken file is reported with its name and step
 * and only its callback type goes without a script: the rest of the app keeps working.
 */
export class ScriptCatalog {
  private readonly byType = new Map<CallbackType, Script>();
  readonly problems: ScriptProblem[] = [];

  constructor(scriptsDir: string) {
    let files: string[] = [];
    try {
      files = readdirSync(scriptsDir).filter((f) => f.endsWith('.json')).sort();
    } catch (error) {
      this.problems.push({ file: scriptsDir, stepId: null, message: `cannot read the scripts folder: ${String(error)}` });
    }
    for (const file of files) {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(join(scriptsDir, file), 'utf8'));
      } catch (error) {
        this.problems.push({ file, stepId: null, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
        continue;
      }
      const result = loadScript(raw, file);
      if (!result.ok) {
        this.problems.push(result.problem);
        continue;
      }
      if (this.byType.has(result.script.callbackType)) {
        this.problems.push({ file, stepId: null, message: `a second script for ${result.script.callbackType}; ignored` });
        continue;
      }
      this.byType.set(result.script.callbackType, result.script);
    }
  }

  byId(scriptId: string): Script {
    for (const script of this.byType.values()) if (script.id === scriptId) return script;
    throw new CoreError('not_found', `no script with id ${scriptId}`);
  }

  forType(type: CallbackType): ScriptLookup {
    const script = this.byType.get(type) ?? null;
    if (script) return { script, problem: null };
    const expected = `${type.replace(/_/g, '-')}`;
    const problem =
      this.problems.find((p) => p.file.replace(/\.json$/, '') === expected) ??
      this.problems.find((p) => p.file.includes(expected.split('-')[0] as string)) ?? {
        file: `${expected}.json`,
        stepId: null,
        message: `no script for callback type ${type}`,
      };
    return { script: null, problem };
  }
}
