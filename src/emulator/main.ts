import { CLI_USAGE, parseCliArgs } from './cli-options.js';
import { startEmulator } from './emulator.js';

/**
 * `npm run emulator -- [flags]`: starts the emulator and prints exactly one line,
 * `emulator ready <api url>`, once it accepts connections. Bad flags or a bad workspace print the
 * problems and exit 2; SIGINT/SIGTERM close the server and exit 0.
 */
const parsed = parseCliArgs(process.argv.slice(2));
if (parsed.kind === 'help') {
  process.stdout.write(`${CLI_USAGE}\n`);
} else if (parsed.kind === 'invalid') {
  process.stderr.write(`${parsed.problems.map((problem) => `error: ${problem}`).join('\n')}\n\n`);
  process.stderr.write(`${CLI_USAGE}\n`);
  process.exitCode = 2;
} else {
  try {
    const emulator = await startEmulator(parsed.options);
    process.stdout.write(`emulator ready ${emulator.url}\n`);
    const stop = (): void => {
      emulator.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const listenFailure = (error as NodeJS.ErrnoException).syscall === 'listen';
    process.stderr.write(`error: ${message}\n`);
    process.exitCode = listenFailure ? 1 : 2;
  }
}
