import { isSnowflake } from '../snowflake.js';
import type { ChannelRecord, MessageRecord } from '../world/records.js';
import type { ChannelPatch, MessageEdit, NewMessage } from '../world/world.js';
import { emptyMessage, type FieldError, invalidFormBody } from './errors.js';

type Body = Record<string, unknown>;

const isObject = (value: unknown): value is Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const problem = (path: string, code: string, message: string): FieldError => ({
  path,
  code,
  message,
});
const badLength = (path: string, min: number, max: number) =>
  problem(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
const notADict = (path: string) =>
  problem(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
const notAList = (path: string) =>
  problem(path, 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
const isInt = (value: unknown, min: number, max: number) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/** Problems of the content, embeds and allowed_mentions a create or an edit carries. */
function messageFieldProblems(content: unknown, embeds: unknown, allowedMentions: unknown) {
  const problems: FieldError[] = [];
  if (typeof content !== 'string') {
    problems.push(
      problem('content', 'STRING_TYPE_CONVERT', 'Could not interpret value as string.'),
    );
  } else if (content.length > 2000) {
    problems.push(problem('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.'));
  }
  if (Array.isArray(embeds)) problems.push(...embedProblems(embeds));
  else problems.push(notAList('embeds'));
  problems.push(...allowedMentionsProblems(allowedMentions));
  return problems;
}

/** Checks a Create Message body; throws 50035 Invalid Form Body or 50006 as Discord would. */
export function parseMessageBody(body: unknown, channelId: string, authorId: string): NewMessage {
  if (!isObject(body)) throw invalidFormBody([notADict('_root')]);
  const content = body.content ?? '';
  const embeds = body.embeds ?? (body.embed !== undefined ? [body.embed] : []);
  const problems = messageFieldProblems(content, embeds, body.allowed_mentions);

  const nonce = body.nonce ?? null;
  const nonceOk =
    nonce === null ||
    typeof nonce === 'number' ||
    (typeof nonce === 'string' && nonce.length <= 25);
  if (!nonceOk)
    problems.push(problem('nonce', 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.'));
  if (problems.length > 0) throw invalidFormBody(problems);

  const text = content as string;
  const embedList = embeds as unknown[];
  const components = Array.isArray(body.components) ? body.components : [];
  const nonEmpty = (value: unknown) => Array.isArray(value) && value.length > 0;
  const hasSomething =
    text.length > 0 ||
    embedList.length > 0 ||
    components.length > 0 ||
    nonEmpty(body.sticker_ids) ||
    nonEmpty(body.attachments) ||
    isObject(body.poll);
  if (!hasSomething) throw emptyMessage();

  return {
    channelId,
    authorId,
    content: text,
    tts: body.tts === true,
    embeds: structuredClone(embedList),
    components: structuredClone(components),
    allowedMentions:
      body.allowed_mentions === undefined ? null : structuredClone(body.allowed_mentions),
    nonce: nonce as string | number | null,
    flags: typeof body.flags === 'number' ? body.flags : 0,
    messageReference: isObject(body.message_reference)
      ? structuredClone(body.message_reference)
      : null,
  };
}

/**
 * Checks an Edit Message body: only what it carries changes (`null` clears content or embeds).
 * An edit that would leave the message empty is 50006, as a post would be.
 */
export function parseMessageEdit(body: unknown, message: MessageRecord): MessageEdit {
  if (!isObject(body)) throw invalidFormBody([notADict('_root')]);
  const has = (key: string) => body[key] !== undefined;
  const content = has('content') ? (body.content ?? '') : message.content;
  const embeds = has('embeds') ? (body.embeds ?? []) : message.embeds;
  const problems = messageFieldProblems(content, embeds, body.allowed_mentions);
  if (problems.length > 0) throw invalidFormBody(problems);
  const edit: MessageEdit = { content: content as string, embeds: structuredClone(embeds as []) };
  if (has('components')) edit.components = Array.isArray(body.components) ? body.components : [];
  if (has('allowed_mentions')) edit.allowedMentions = structuredClone(body.allowed_mentions);
  if (typeof body.flags === 'number') edit.flags = body.flags;
  const components = edit.components ?? message.components;
  if (edit.content === '' && edit.embeds?.length === 0 && components.length === 0)
    throw emptyMessage();
  return edit;
}

/**
 * A whole-number query parameter such as `limit`, `fallback` when absent; out of range or not
 * a number is 50035, as Discord answers `?limit=101`.
 */
export function intQuery(
  query: URLSearchParams,
  name: string,
  { min, max, fallback }: { min: number; max: number; fallback: number },
): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw))
    throw invalidFormBody([problem(name, 'NUMBER_TYPE_COERCE', `Value "${raw}" is not int.`)]);
  if (value < min)
    throw invalidFormBody([
      problem(name, 'NUMBER_TYPE_MIN', `Int should be greater than or equal to ${min}.`),
    ]);
  if (value > max)
    throw invalidFormBody([
      problem(name, 'NUMBER_TYPE_MAX', `Int should be less than or equal to ${max}.`),
    ]);
  return value;
}

/**
 * Checks a Bulk Delete Messages body: 2–100 snowflakes, none twice. Unknown ids count toward
 * the 2–100 and are otherwise ignored, as Discord documents.
 */
export function parseBulkDelete(body: unknown): string[] {
  if (!isObject(body)) throw invalidFormBody([notADict('_root')]);
  const { messages } = body;
  if (!Array.isArray(messages)) throw invalidFormBody([notAList('messages')]);
  const problems: FieldError[] = [];
  if (messages.length < 2)
    problems.push(problem('messages', 'BASE_TYPE_MIN_LENGTH', 'Must be 2 or more in length.'));
  if (messages.length > 100)
    problems.push(problem('messages', 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.'));
  messages.forEach((id, index) => {
    if (!isSnowflake(id))
      problems.push(
        problem(`messages.${index}`, 'NUMBER_TYPE_COERCE', `Value "${id}" is not snowflake.`),
      );
  });
  if (new Set(messages).size !== messages.length)
    problems.push(problem('messages', 'BASE_TYPE_DUPLICATES', 'Duplicate message ids.'));
  if (problems.length > 0) throw invalidFormBody(problems);
  return messages as string[];
}

function embedProblems(embeds: unknown[]): FieldError[] {
  const problems: FieldError[] = [];
  if (embeds.length > 10) {
    problems.push(problem('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.'));
  }
  for (const [index, embed] of embeds.entries()) {
    if (!isObject(embed)) {
      problems.push(notADict(`embeds.${index}`));
      continue;
    }
    if (typeof embed.title === 'string' && embed.title.length > 256) {
      problems.push(badLength(`embeds.${index}.title`, 1, 256));
    }
    if (typeof embed.description === 'string' && embed.description.length > 4096) {
      problems.push(badLength(`embeds.${index}.description`, 1, 4096));
    }
  }
  return problems;
}

function allowedMentionsProblems(value: unknown): FieldError[] {
  if (value === undefined || value === null) return [];
  if (!isObject(value)) return [notADict('allowed_mentions')];
  const problems: FieldError[] = [];
  const parse = value.parse ?? [];
  if (!Array.isArray(parse)) return [notAList('allowed_mentions.parse')];
  for (const [index, item] of parse.entries()) {
    if (item !== 'users' && item !== 'roles' && item !== 'everyone') {
      problems.push(
        problem(
          `allowed_mentions.parse.${index}`,
          'BASE_TYPE_CHOICES',
          'Value must be one of {"users", "roles", "everyone"}.',
        ),
      );
    }
  }
  for (const key of ['users', 'roles'] as const) {
    const list = value[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length > 100 || !list.every(isSnowflake)) {
      problems.push(notAList(`allowed_mentions.${key}`));
    } else if (parse.includes(key) && list.length > 0) {
      problems.push(
        problem(
          'allowed_mentions',
          'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
          `parse:["${key}"] and ${key}: [ids...] are mutually exclusive.`,
        ),
      );
    }
  }
  return problems;
}

/**
 * Checks a Modify Channel body against the channel it changes. Text channel names are
 * lower-cased with whitespace turned into dashes, as Discord stores them.
 */
export function parseChannelPatch(
  body: unknown,
  channel: ChannelRecord,
  isCategory: (id: string) => boolean,
): ChannelPatch {
  if (!isObject(body)) throw invalidFormBody([notADict('_root')]);
  const problems: FieldError[] = [];
  const patch: ChannelPatch = {};
  const isText = channel.type === 0 || channel.type === 5;
  const isVoice = channel.type === 2 || channel.type === 13;
  const { name, topic, position, bitrate } = body;

  if (name !== undefined) {
    if (typeof name !== 'string' || name.trim().length < 1 || name.length > 100) {
      problems.push(badLength('name', 1, 100));
    } else {
      patch.name = isText ? name.trim().toLowerCase().replace(/\s+/g, '-') : name.trim();
    }
  }
  if (topic !== undefined) {
    if (topic === null || (typeof topic === 'string' && topic.length <= 1024)) patch.topic = topic;
    else problems.push(badLength('topic', 0, 1024));
  }
  if (body.nsfw !== undefined) patch.nsfw = body.nsfw === true;
  if (position !== undefined) {
    if (isInt(position, 0, 10_000)) patch.position = position as number;
    else problems.push(problem('position', 'NUMBER_TYPE_COERCE', 'Value is not int.'));
  }
  if (body.parent_id !== undefined) {
    const parent = body.parent_id;
    if (parent === null || (typeof parent === 'string' && isCategory(parent)))
      patch.parentId = parent;
    else problems.push(problem('parent_id', 'CHANNEL_PARENT_INVALID_TYPE', 'Not a category'));
  }
  if (isVoice && bitrate !== undefined) {
    if (isInt(bitrate, 8000, 384_000)) patch.bitrate = bitrate as number;
    else problems.push(problem('bitrate', 'NUMBER_TYPE_MIN', 'Must be between 8000 and 384000.'));
  }
  if (isVoice && body.user_limit !== undefined) {
    if (isInt(body.user_limit, 0, 99)) patch.userLimit = body.user_limit as number;
    else problems.push(problem('user_limit', 'NUMBER_TYPE_MAX', 'Must be between 0 and 99.'));
  }
  if (isVoice && body.rtc_region !== undefined) {
    patch.rtcRegion = typeof body.rtc_region === 'string' ? body.rtc_region : null;
  }
  if (body.rate_limit_per_user !== undefined) {
    if (isInt(body.rate_limit_per_user, 0, 21_600))
      patch.rateLimitPerUser = body.rate_limit_per_user as number;
    else
      problems.push(
        problem('rate_limit_per_user', 'NUMBER_TYPE_MAX', 'Must be between 0 and 21600.'),
      );
  }
  if (problems.length > 0) throw invalidFormBody(problems);
  return patch;
}
