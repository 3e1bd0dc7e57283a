/**
 * `npm run scopes -- [--types public_channel,im] [--name "My app"] <files…>`: the least Slack
 * OAuth scopes, for a user token and for a bot token, that the operations of `files`
 * (persisted-operations manifests `.json`, or `.graphql` documents) need, and a Slack app
 * manifest (YAML and JSON) that requests exactly them. `--types` lists the conversation types
 * the app reaches by ID (default `public_channel`). See docs/cost.md.
 */
import { parseArgs } from 'node:util';
import { schema } from '../graphql/schema.js';
import { SLACK_CONVERSATION_TYPES, type SlackConversationType } from '../slack/wire-types.js';
import { appManifest, appScopes, readOperations, toYaml } from './app-manifest.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    types: { type: 'string', default: 'public_channel' },
    name: { type: 'string', default: 'Slack Conversations GraphQL' },
  },
});

const types = values.types.split(',').map((type) => type.trim());
const unknown = types.filter(
  (type) => !SLACK_CONVERSATION_TYPES.some((known: string) => known === type),
);
if (positionals.length === 0 || unknown.length > 0) {
  process.stderr.write(
    `${unknown.length > 0 ? `Unknown conversation types: ${unknown.join(', ')}\n` : ''}usage: npm run scopes -- [--types ${SLACK_CONVERSATION_TYPES.join(',')}] [--name "App"] <manifest.json|operation.graphql>…\n`,
  );
  process.exit(2);
}

const documents = (await Promise.all(positionals.map(readOperations))).flat();
const scopes = appScopes(schema, documents, {
  conversationTypes: types as SlackConversationType[],
});
const manifest = appManifest(values.name, scopes);

const lines = [
  `Operations: ${documents.length} (from ${positionals.join(', ')}); conversations by ID: ${types.join(', ')}`,
  `User token scopes: ${scopes.user.scopes.join(' ') || '(none)'}`,
  `Bot token scopes:  ${scopes.bot.scopes.join(' ') || '(none)'}`,
];
for (const [kind, report] of Object.entries(scopes)) {
  if (report.revealing.length > 0) {
    lines.push(`  ${kind}: ${report.revealing.join(' ')} only reveal values (e.g. email)`);
  }
  if (report.unsupported.length > 0) {
    lines.push(`  ${kind} tokens cannot run: ${report.unsupported.join(', ')}`);
  }
}
process.stdout.write(
  `${lines.join('\n')}\n\n# Slack app manifest (YAML)\n${toYaml(manifest)}\n# Slack app manifest (JSON)\n${JSON.stringify(manifest, null, 2)}\n`,
);
