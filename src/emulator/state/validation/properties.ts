import {
  checkUnique,
  isNonNegativeInteger,
  isObject,
  isStringArray,
  type Problems,
} from './checks.js';

/** `topic` and `purpose`: `{value, creator, last_set}`, the creator a user or `""` (never set). */
export function validateTopic(
  problems: Problems,
  where: string,
  topic: unknown,
  userIds: ReadonlySet<string>,
): void {
  if (!isObject(topic)) {
    problems.add(where, 'must be an object {value, creator, last_set}');
    return;
  }
  if (typeof topic.value !== 'string') problems.add(where, 'value must be a string');
  if (typeof topic.creator !== 'string') problems.add(where, 'creator must be a string');
  else if (topic.creator !== '' && !userIds.has(topic.creator)) {
    problems.add(where, `creator ${topic.creator} is not a user`);
  }
  if (!isNonNegativeInteger(topic.last_set)) {
    problems.add(where, 'last_set must be a non-negative integer (seconds)');
  }
}

/** `properties`: posting and thread restrictions (to existing users) and tabs with unique IDs. */
export function validateProperties(
  problems: Problems,
  where: string,
  properties: unknown,
  userIds: ReadonlySet<string>,
): void {
  if (!isObject(properties)) {
    problems.add(where, 'properties must be an object');
    return;
  }
  for (const key of ['posting_restricted_to', 'threads_restricted_to'] as const) {
    const restriction = properties[key];
    if (restriction === undefined) continue;
    if (!isObject(restriction)) {
      problems.add(where, `properties.${key} must be an object`);
      continue;
    }
    for (const list of ['type', 'user', 'subteam'] as const) {
      const values = restriction[list];
      if (values === undefined) continue;
      if (!isStringArray(values)) problems.add(where, `properties.${key}.${list} must be strings`);
      else if (list === 'user') {
        for (const user of values) {
          if (!userIds.has(user))
            problems.add(where, `properties.${key}.user ${user} is not a user`);
        }
      }
    }
  }
  const tabs = properties.tabs;
  if (tabs === undefined) return;
  if (!Array.isArray(tabs)) {
    problems.add(where, 'properties.tabs must be an array');
    return;
  }
  const tabIds = tabs.map((tab, index) => {
    const valid =
      isObject(tab) &&
      typeof tab.id === 'string' &&
      typeof tab.label === 'string' &&
      typeof tab.type === 'string';
    if (!valid) problems.add(where, `properties.tabs[${index}] needs string id, label and type`);
    return valid ? String(tab.id) : undefined;
  });
  checkUnique(problems, (index) => `${where} properties.tabs[${index}]`, tabIds, 'tab id');
}
