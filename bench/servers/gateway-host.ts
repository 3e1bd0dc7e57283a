/**
 * Runs our gateway for the benchmark, in its own process: the real composition
 * (`startGateway(loadConfig())`, configured by environment variables like `npm start`), without
 * the embedded emulator, plus the heap probe. Prints `gateway ready <url>`.
 */
import { startGateway } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { answerHeapProbes } from './heap-probe.js';

const gateway = await startGateway(loadConfig());
answerHeapProbes();
process.stdout.write(`gateway ready ${gateway.url}\n`);
process.once('SIGTERM', () => {
  void gateway.close().then(() => process.exit(0));
});
