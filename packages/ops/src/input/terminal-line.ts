import { OpsError } from '../errors.js';
import type { OpsIo } from '../io.js';

const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\u007f', '\b']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';

/**
 * One line typed at the terminal, read in raw mode so that a hidden answer is never echoed (not
 * even as `*`, which would show its length). The prompt goes to stderr, so stdout stays clean.
 */
export function readLineFromTerminal(
  io: OpsIo,
  prompt: string,
  options: { hidden: boolean },
): Promise<string> {
  const { stdin, stderr } = io;
  stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let line = '';
    const finish = (outcome: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write('\n');
      outcome();
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === CTRL_C) {
          finish(() => reject(new OpsError('Cancelled; nothing was stored.')));
          return;
        }
        if (ENTER.has(char) || char === CTRL_D) {
          finish(() => resolve(line));
          return;
        }
        if (BACKSPACE.has(char)) {
          if (line.length > 0 && !options.hidden) stderr.write('\b \b');
          line = line.slice(0, -1);
        } else if (char >= ' ') {
          line += char;
          if (!options.hidden) stderr.write(char);
        }
      }
    };
    stdin.setRawMode?.(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}
