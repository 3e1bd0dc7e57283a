import { builder } from '../builder.js';
import { fromSeconds } from '../scalars.js';
import { slackField, USER_REFERENCE } from '../slack-cost.js';
import { TopicRef, UserRef } from './refs.js';

builder.objectType(TopicRef, {
  description: 'A topic or purpose: its text, who set it and when.',
  fields: (t) => ({
    value: t.exposeString('value'),
    creator: t.field({
      ...slackField({ cost: USER_REFERENCE }),
      type: UserRef,
      nullable: true,
      description: 'Who set it; null when never set (Slack sends `""`).',
      resolve: (topic) => (topic.creator ? { id: topic.creator } : null),
    }),
    lastSet: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was set; null when never set (Slack sends 0).',
      resolve: (topic) => (topic.last_set ? fromSeconds(topic.last_set) : null),
    }),
  }),
});
