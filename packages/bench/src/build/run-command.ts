import { spawn } from 'node:child_process';

export class CommandFailedError extends Error {
  constructor(command: string, code: number | null, output: string) {
    super(`\`${command}\` failed (exit ${code ?? 'signal'}):\n${output.trim()}`);
    this.name = 'CommandFailedError';
  }
}

/** Runs a command to completion, its output kept for the error message and the last line returned. */
export function runCommand(command: string, args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const text = `${command} ${args.join(' ')}`;
      if (code === 0) resolve(output.trim().split('\n').at(-1) ?? '');
      else reject(new CommandFailedError(text, code, output));
    });
  });
}
