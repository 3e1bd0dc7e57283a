import { ConfigError, parseConfig } from '../../src/config.js';

/** The problems `parseConfig` reports for `env`; fails the test when it accepts the environment. */
export function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('parseConfig accepted the environment');
}
