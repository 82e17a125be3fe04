import { z } from 'zod';

/** SPEC §5, as a schema: every line `discloop --json` prints must be one of these. */
const iso = z.iso.datetime();
/** Every line: its time, and the shard range when the process runs only some shards (SPEC §9). */
const head = {
  at: iso,
  shards: z
    .string()
    .regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/)
    .optional(),
};

const member = z.strictObject({ id: z.string(), username: z.string(), displayName: z.string() });
export const listVoiceData = z.strictObject({
  guilds: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      channels: z.array(
        z.strictObject({ id: z.string(), name: z.string(), members: z.array(member) }),
      ),
    }),
  ),
});

const runBase = {
  ...head,
  type: z.literal('run'),
  loop: z.string(),
  action: z.string(),
  iteration: z.number().int().positive(),
  scheduledAt: iso,
  startedAt: iso,
  durationMs: z.number().nonnegative(),
  attempts: z.number().int().positive(),
  catchUp: z.literal(true).optional(),
};

export const ndjsonLine = z.union([
  z.strictObject({
    ...head,
    type: z.literal('ready'),
    user: z.strictObject({ id: z.string(), username: z.string() }),
    guilds: z.number().int(),
    guildsTotal: z.number().int().optional(),
    loops: z.strictObject({ here: z.array(z.string()), elsewhere: z.array(z.string()) }).optional(),
  }),
  z.strictObject({ ...runBase, ok: z.literal(true), data: z.record(z.string(), z.unknown()) }),
  z.strictObject({
    ...runBase,
    ok: z.literal(false),
    outcome: z.literal('unknown').optional(),
    error: z.strictObject({ code: z.string(), message: z.string(), stack: z.string().optional() }),
  }),
  z.strictObject({
    ...head,
    type: z.literal('skip'),
    loop: z.string(),
    tick: z.number().int().positive(),
    scheduledAt: iso,
    reason: z.enum(['overlap', 'missed', 'downtime']),
    ticks: z.number().int().positive(),
  }),
  z.strictObject({
    ...head,
    type: z.literal('end'),
    loop: z.string(),
    runs: z.number().int().nonnegative(),
    reason: z.enum(['count', 'error', 'stopped', 'removed', 'exhausted']),
  }),
  z.strictObject({ ...head, type: z.literal('warning'), message: z.string() }),
  z.strictObject({
    ...head,
    type: z.literal('reload'),
    ok: z.literal(true),
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.array(z.string()),
    unchanged: z.number().int().nonnegative(),
    loops: z.array(
      z.strictObject({
        name: z.string(),
        schedule: z.string(),
        count: z.number().int().positive().optional(),
      }),
    ),
  }),
  z.strictObject({
    ...head,
    type: z.literal('reload'),
    ok: z.literal(false),
    problems: z.array(
      z.strictObject({
        file: z.string(),
        line: z.number().int().positive().optional(),
        column: z.number().int().positive().optional(),
        message: z.string(),
      }),
    ),
  }),
  z.strictObject({
    ...head,
    type: z.literal('rate-limit'),
    route: z.string().regex(/^[A-Z]+ \/[^\d]*$/),
    scope: z.enum(['user', 'global', 'shared']),
    retryAfterMs: z.number().int().nonnegative(),
    loop: z.string().optional(),
  }),
  z.strictObject({
    ...head,
    type: z.literal('disconnect'),
    shard: z.number().int(),
    code: z.number().int().optional(),
  }),
  z.strictObject({
    ...head,
    type: z.literal('reconnect'),
    shard: z.number().int(),
    resumed: z.boolean(),
    downMs: z.number().nonnegative(),
    attempts: z.number().int().positive(),
  }),
]);

export type NdjsonLine = z.infer<typeof ndjsonLine>;

/** Parses and validates every line; a line that does not fit fails with its text. */
export function validNdjson(stdout: string): NdjsonLine[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const result = ndjsonLine.safeParse(JSON.parse(line));
      if (!result.success) throw new Error(`not SPEC §5 NDJSON: ${line}\n${result.error.message}`);
      return result.data;
    });
}
