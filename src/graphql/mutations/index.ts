import { builder } from '../builder.js';
import '../types/mutation-errors.js';
import './archive.js';
import './create-conversation.js';
import './invite-and-kick.js';
import './mark.js';
import './membership.js';
import './open-conversation.js';
import './rename.js';
import './topic-and-purpose.js';

/**
 * The Conversations API's write methods, one mutation each. Every mutation takes one `input`
 * and returns a union of its payload and the error types a client can switch on.
 */
builder.mutationType({
  description: 'Writes: each mutation is one Slack write method of the Conversations API.',
});
