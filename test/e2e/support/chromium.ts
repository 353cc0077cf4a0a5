import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { brotliDecompressSync } from 'node:zlib';

/**
 * Picks the Chromium the e2e tests drive: CHROMIUM_PATH, else a system Chrome/Chromium, else the
 * Chromium shipped inside the npm package @sparticuz/chromium (so `npm install` alone is enough on Linux x64).
 * Use as `chromium.launch({ executablePath, args, env: { ...process.env, ...env }, headless: true })` (playwright-core).
 * Playwright creates a throwaway profile per launch; do not add --user-data-dir (launch() rejects it;
 * use launchPersistentContext for a fixed profile).
 */
export interface ResolvedChromium {
  executablePath: string;
  args: string[];
  source: 'env' | 'system' | 'npm';
  /** Extra environment for the browser process (LD_LIBRARY_PATH, FONTCONFIG_FILE); pass `env: { ...process.env, ...env }`. */
  env: Record<string, string>;
}

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

const ARGS = [
  '--no-sandbox', // tests run as root in containers, where Chromium's sandbox cannot start
  '--disable-gpu', // no GPU in CI or containers
  '--disable-dev-shm-usage', // Docker's 64 MB /dev/shm makes renderers crash
  '--no-first-run',
  '--disable-background-networking', // offline machine: no update, safe-browsing or metrics fetches
  '--disable-component-update',
  '--disable-sync',
];

let npmChromium: Promise<{ executablePath: string; env: Record<string, string> }> | undefined;

export async function resolveChromium(): Promise<ResolvedChromium> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return { executablePath: fromEnv, args: [...ARGS], source: 'env', env: {} };
  }
  const system = SYSTEM_PATHS.find((path) => existsSync(path));
  if (system) return { executablePath: system, args: [...ARGS], source: 'system', env: {} };
  npmChromium ??= prepareNpmChromium();
  const npm = await npmChromium;
  return { executablePath: npm.executablePath, args: [...ARGS], source: 'npm', env: { ...npm.env } };
}

/**
 * @sparticuz/chromium targets AWS Lambda. Outside Lambda, executablePath() only inflates the binary
 * (chrome-headless-shell) to <tmpdir>/chromium, plus <tmpdir>/fonts and SwiftShader libs, and reuses
 * them on later calls; its Lambda-only setup (LD_LIBRARY_PATH, FONTCONFIG_PATH) is skipped, so the parts
 * a bare machine needs are done here. Its own `args` (--single-process, --disable-web-security, ...) are
 * Lambda workarounds and are not used.
 */
async function prepareNpmChromium(): Promise<{ executablePath: string; env: Record<string, string> }> {
  const { default: sparticuz } = await import('@sparticuz/chromium');
  const exe = await sparticuz.executablePath();
  const pkgDir = join(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '..', '..');

  const env: Record<string, string> = {};
  let probe = await versionOf(exe, env);
  if (!probe.ok && probe.output.includes('shared libraries')) {
    // The binary links libnss3, libnssutil3, libnspr4, libplc4, libplds4 and libexpat. A slim image lacks
    // them; the package ships Amazon Linux 2023 builds that also run on Debian 12 (glibc 2.36).
    const libDir = join(tmpdir(), 'al2023', 'lib');
    if (!existsSync(join(libDir, 'libnss3.so'))) {
      mkdirSync(dirname(libDir), { recursive: true });
      const tar = brotliDecompressSync(readFileSync(join(pkgDir, 'bin', 'al2023.tar.br')));
      const untar = spawnSync('tar', ['-x', '-C', dirname(libDir)], { input: tar });
      if (untar.status !== 0) throw new Error(`could not unpack al2023.tar.br: ${String(untar.stderr)}`);
    }
    env.LD_LIBRARY_PATH = [libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
    probe = await versionOf(exe, env);
  }
  if (!probe.ok) throw new Error(`${exe} does not run: ${probe.output}`);

  // executablePath() reuses whatever <tmpdir>/chromium exists, even one left by another package version.
  const major = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version.split('.')[0];
  if (!probe.output.includes(`Chromium ${major}.`)) {
    throw new Error(`${exe} is "${probe.output.trim()}", not Chromium ${major}: delete it (stale) and rerun`);
  }

  // The headless shell has fontconfig built in; with no system fonts every glyph is missing and text
  // lays out empty (innerText === ''). Keep the system's config and add the package's Open Sans.
  if (!process.env.FONTCONFIG_FILE && !process.env.FONTCONFIG_PATH) {
    const conf = join(tmpdir(), 'chromium-fonts.conf');
    writeFileSync(
      conf,
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
        `  <dir>${join(tmpdir(), 'fonts')}</dir>\n  <cachedir>${join(tmpdir(), 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    env.FONTCONFIG_FILE = conf;
  }
  return { executablePath: exe, env };
}

async function versionOf(exe: string, env: Record<string, string>): Promise<{ ok: boolean; output: string }> {
  for (let attempt = 0; ; attempt++) {
    const run = spawnSync(exe, ['--version'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } });
    // ETXTBSY: another test process is still inflating the same <tmpdir>/chromium; wait for it.
    if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ETXTBSY' && attempt < 120) {
      await sleep(500);
      continue;
    }
    return { ok: run.status === 0, output: `${run.stdout ?? ''}${run.stderr ?? ''}${run.error?.message ?? ''}` };
  }
}
