import type { SlackTeam, SlackTs, SlackUser } from '../../slack/wire-types.js';
import type { EmittedEvent } from '../events/emitted-event.js';
import { resolveApp } from './default-app.js';
import type {
  WorkspaceApp,
  WorkspaceConversation,
  WorkspaceFile,
  WorkspaceMessage,
  WorkspaceToken,
} from './workspace-file.js';

/** `last_read` of a member who never read the conversation. */
export const NEVER_READ: SlackTs = '0000000000.000000';

/**
 * One conversation's mutable state. `data` holds the stored fields (never the derived ones:
 * see WorkspaceConversation); `messages` are every message, thread replies included, sorted by
 * `ts` ascending; `lastRead` and `openFor` are per-member views.
 */
export interface StoredConversation {
  data: WorkspaceConversation;
  messages: WorkspaceMessage[];
  lastRead: Map<string, SlackTs>;
  /** IM/MPIM members for whom the conversation is open (conversations.open / close). */
  openFor: Set<string>;
  /**
   * `data.members` as a set, for O(1) membership checks on every call (channels can have
   * thousands of members). Change membership only through write-guards' addMember/removeMember,
   * which keep both in step.
   */
  memberIds: Set<string>;
}

/**
 * The emulator's in-memory workspace. Order is part of the contract: conversations and users
 * keep workspace-file order and new ones are appended (Slack never deletes a conversation, it
 * archives it), so `conversationOrder` is append-only and positions are stable cursors.
 */
export class WorkspaceState {
  readonly team: SlackTeam;
  readonly app: Required<WorkspaceApp>;
  readonly users = new Map<string, SlackUser>();
  readonly userOrder: string[] = [];
  readonly tokens = new Map<string, WorkspaceToken>();
  readonly conversations = new Map<string, StoredConversation>();
  readonly conversationOrder: string[] = [];
  private readonly conversationPosition = new Map<string, number>();
  private readonly userPosition = new Map<string, number>();
  private idSequence = 0;
  private lastTs = '';
  /** The newest ts the emulator minted itself (not loaded from the file). */
  private lastMintedTs = '';
  private eventSink: ((event: EmittedEvent) => void) | undefined;

  /** @param clock epoch milliseconds; injectable so tests can pin time. */
  constructor(
    file: WorkspaceFile,
    private readonly clock: () => number = Date.now,
  ) {
    this.team = structuredClone(file.team);
    this.app = resolveApp(file.app);
    for (const user of file.users) this.addUser(structuredClone(user));
    for (const token of file.tokens) this.tokens.set(token.token, structuredClone(token));
    for (const conversation of file.conversations) {
      const messages = structuredClone(file.messages?.[conversation.id] ?? []);
      messages.sort((a, b) => compareTs(a.ts, b.ts));
      this.addConversation(structuredClone(conversation), messages);
    }
  }

  /** Sends every event this workspace's changes raise to `sink` (the runtime's event bus). */
  connectEvents(sink: (event: EmittedEvent) => void): void {
    this.eventSink = sink;
  }

  /** Raises an event; synchronous, so the receiver sees the state of the moment it happened. */
  emit(event: EmittedEvent): void {
    this.eventSink?.(event);
  }

  /** Seconds since the epoch, as Slack's `created` and `last_set` use. */
  nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }

  /** Milliseconds since the epoch, as Slack's `updated` uses. */
  nowMillis(): number {
    return this.clock();
  }

  /** A fresh, strictly increasing message `ts` ("seconds.sequence", as Slack mints them). */
  nextTs(): SlackTs {
    const seconds = String(this.nowSeconds()).padStart(10, '0');
    let candidate = `${seconds}.000000`;
    if (compareTs(candidate, this.lastTs) <= 0) candidate = incrementTs(this.lastTs);
    this.lastTs = candidate;
    this.lastMintedTs = candidate;
    return candidate;
  }

  /**
   * Slack's "now" as a ts, the default upper bound of history and replies: the clock, or the
   * newest ts the emulator minted when that is later (several messages in one second of a
   * pinned clock get sequence numbers past it, and must not vanish). Messages a workspace file
   * dates after it stay hidden until the clock reaches them, as Slack has no future messages.
   */
  nowTs(): SlackTs {
    const millis = Math.floor(this.clock());
    const seconds = String(Math.floor(millis / 1000)).padStart(10, '0');
    const clockTs = `${seconds}.${String((millis % 1000) * 1000).padStart(6, '0')}`;
    return compareTs(this.lastMintedTs, clockTs) > 0 ? this.lastMintedTs : clockTs;
  }

  /** A new, unused ID with Slack's shape: prefix plus 10 upper-case alphanumerics. */
  nextId(prefix: 'C' | 'G' | 'D' | 'U'): string {
    for (;;) {
      this.idSequence += 1;
      const id = `${prefix}0EMU${this.idSequence.toString(36).toUpperCase().padStart(6, '0')}`;
      if (!this.conversations.has(id) && !this.users.has(id)) return id;
    }
  }

  addUser(user: SlackUser): void {
    this.userPosition.set(user.id, this.userOrder.length);
    this.userOrder.push(user.id);
    this.users.set(user.id, user);
  }

  addConversation(
    data: WorkspaceConversation,
    messages: WorkspaceMessage[] = [],
  ): StoredConversation {
    const stored: StoredConversation = {
      data,
      messages,
      lastRead: new Map(),
      openFor: new Set(data.is_im || data.is_mpim ? data.members : []),
      memberIds: new Set(data.members),
    };
    this.conversationPosition.set(data.id, this.conversationOrder.length);
    this.conversationOrder.push(data.id);
    this.conversations.set(data.id, stored);
    for (const message of messages) this.observeTs(message.ts);
    return stored;
  }

  /** Position of a conversation in workspace order (for cursors), or -1. */
  conversationIndex(id: string): number {
    return this.conversationPosition.get(id) ?? -1;
  }

  /** Position of a user in workspace order (for cursors), or -1. */
  userIndex(id: string): number {
    return this.userPosition.get(id) ?? -1;
  }

  /** Appends a message in `ts` order (new messages are always newest, so this is a push). */
  appendMessage(conversation: StoredConversation, message: WorkspaceMessage): void {
    conversation.messages.push(message);
    this.observeTs(message.ts);
  }

  private observeTs(ts: SlackTs): void {
    if (compareTs(ts, this.lastTs) > 0) this.lastTs = ts;
  }
}

/** Compares two Slack timestamps exactly (as decimal strings, never as floats). */
export function compareTs(a: SlackTs, b: SlackTs): number {
  const [aSeconds = '', aSequence = ''] = a.split('.');
  const [bSeconds = '', bSequence = ''] = b.split('.');
  const bySeconds = Number(aSeconds) - Number(bSeconds);
  if (bySeconds !== 0) return Math.sign(bySeconds);
  return Math.sign(Number(aSequence.padEnd(6, '0')) - Number(bSequence.padEnd(6, '0')));
}

function incrementTs(ts: SlackTs): SlackTs {
  const [seconds = '0', sequence = '0'] = ts.split('.');
  const next = Number(sequence.padEnd(6, '0')) + 1;
  if (next < 1_000_000) return `${seconds}.${String(next).padStart(6, '0')}`;
  return `${String(Number(seconds) + 1).padStart(10, '0')}.000000`;
}
