import { AdminError } from './admin-error';

/**
 * The new user's password: from the named environment variable, else CARECALL_PASSWORD, else
 * typed (twice, not echoed) on a terminal. Never an argument: those end up in shell history.
 */
export async function readNewPassword(passwordEnv: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (passwordEnv !== undefined) {
    const value = env[passwordEnv];
    if (!value) throw new AdminError(`--password-env ${passwordEnv}: that environment variable is not set`);
    return value;
  }
  if (env.CARECALL_PASSWORD) return env.CARECALL_PASSWORD;
  if (!process.stdin.isTTY) throw new AdminError('no password given: set CARECALL_PASSWORD, or name a variable with --password-env VAR');
  const first = await promptHidden('Password: ');
  const second = await promptHidden('Repeat the password: ');
  if (first !== second) throw new AdminError('the two passwords differ');
  return first;
}

function promptHidden(prompt: string): Promise<string> {
  const { stdin, stdout } = process;
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stdout.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004') return finish(new AdminError('cancelled'));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    // Echo off before the prompt shows, so nothing typed after it is echoed.
    stdin.setRawMode(true);
    stdout.write(prompt);
    stdin.resume();
    stdin.on('data', onData);
  });
}
