// Adds Traditional Chinese (zh-TW) to every text of the call scripts in resources/scripts/*.json,
// converted from the zh-CN text with OpenCC's mainland -> Taiwan phrase table (opencc-js, a dev
// dependency: this runs at authoring time, never in the app). Texts that already have zh-TW are
// kept, so wording reviewed by hand survives a re-run; `--force` converts them all again.
// Then a few Taiwan usages OpenCC leaves as they are (TAIWAN_WORDING) are applied.
//
//   node scripts/scripts-zh-tw.mjs [--force] [--check]
//
// --check changes nothing and exits 1 when a text has no zh-TW (test/main/script-zh-tw.test.ts
// checks the same in the test run).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';

const dir = join(import.meta.dirname, '..', 'resources', 'scripts');
const force = process.argv.includes('--force');
const check = process.argv.includes('--check');
const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'twp' });

/** Words OpenCC converts character by character where Taiwan says it otherwise (reviewed by hand). */
const TAIWAN_WORDING = [
  ['工號', '員工編號'],
  ['短信', '簡訊'],
  ['女士', '小姐'],
  ['教程', '教學'],
  ['身份', '身分'],
  ['保修', '保固'],
  // Taiwan quotes with corner brackets.
  ['“', '「'],
  ['”', '」'],
  ['‘', '『'],
  ['’', '』'],
];

const taiwan = (text) => TAIWAN_WORDING.reduce((out, [from, to]) => out.replaceAll(from, to), toTaiwan(text));

/** A LocalizedText is an object with zh-CN and en; zh-TW goes right after en. */
function convert(node, missing, path) {
  if (Array.isArray(node)) return node.map((item, i) => convert(item, missing, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node['zh-CN'] === 'string' && typeof node.en === 'string') {
    if (typeof node['zh-TW'] === 'string' && !force) return node;
    missing.push(path);
    const { 'zh-TW': _old, ...rest } = node;
    const out = {};
    for (const [key, value] of Object.entries(rest)) {
      out[key] = value;
      if (key === 'en') out['zh-TW'] = taiwan(node['zh-CN']);
    }
    return out;
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, convert(value, missing, `${path}.${key}`)]));
}

let incomplete = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const script = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const missing = [];
  const converted = convert(script, missing, file);
  if (check) {
    if (missing.length > 0 && !force) {
      incomplete += missing.length;
      console.log(`${file}: ${missing.length} text(s) without zh-TW, e.g. ${missing[0]}`);
    }
    continue;
  }
  writeFileSync(join(dir, file), `${JSON.stringify(converted, null, 2)}\n`);
  console.log(`${file}: ${missing.length} text(s) converted`);
}
if (incomplete > 0) process.exit(1);
