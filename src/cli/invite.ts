import { loadConfig } from '../config/load.js';
import { loopSetups } from '../config/plans.js';
import { fetchApplicationId } from '../connection/application.js';
import {
  inviteUrl,
  type PermissionNeeds,
  permissionInWords,
  permissionNeeds,
} from '../connection/permissions.js';
import { UsageError } from '../errors.js';
import { colorWanted, styleFor } from '../output/style.js';
import { configWarnings, reportConfigProblems } from './config-problems.js';
import type { ConnectionFlags, OutputFlags } from './connection-options.js';
import type { CliContext } from './context.js';
import { resolveEndpoint } from './endpoint.js';

export interface InviteFlags extends ConnectionFlags, OutputFlags {
  clientId?: string;
}

/** What `discloop invite --json` prints. */
export interface Invite {
  url: string;
  clientId: string;
  /** The permission bits, in decimal, as Discord writes them. */
  permissions: string;
  /** Each permission (discord.js's name) → the loops that need it. */
  needs: Record<string, string[]>;
}

const NO_ID = 'No application id to invite.';
const HOW_TO_GET_ID =
  'Pass --client-id <id> (Developer Portal → your application → General Information → Application ID), or set DISCORD_TOKEN to ask Discord for it.';

function checkedClientId(raw: string): string {
  const id = raw.trim();
  if (!/^\d{17,20}$/.test(id)) {
    throw new UsageError(
      `--client-id expects an application id, a number of 17 to 20 digits; got "${raw}".`,
      HOW_TO_GET_ID,
    );
  }
  return id;
}

/** The client id: --client-id as given, else the application behind the token (or the sandbox's). */
async function clientIdOf(flags: InviteFlags, configToken: string | undefined, ctx: CliContext) {
  if (flags.clientId !== undefined) return checkedClientId(flags.clientId);
  const anyToken = flags.token ?? ctx.env.DISCORD_TOKEN ?? configToken;
  if (!flags.sandbox && anyToken === undefined) throw new UsageError(NO_ID, HOW_TO_GET_ID);
  const endpoint = await resolveEndpoint(flags, configToken, ctx);
  try {
    if (flags.verbose) ctx.sink.err(`Asking ${endpoint.label} for the application id`);
    return await fetchApplicationId(endpoint);
  } finally {
    await endpoint.close();
  }
}

function unknownPermissions(unknown: PermissionNeeds['unknown']): UsageError {
  const list = unknown.map((u) => `"${u.permission}" (action ${u.action}, loop ${u.loop})`);
  return new UsageError(
    `discloop does not know the permission${unknown.length === 1 ? '' : 's'} ${list.join(', ')}.`,
    "An action names permissions as discord.js does (ViewChannel, SendMessages) or as Discord's client shows them (View Channel).",
  );
}

/**
 * `discloop invite [config]` (SPEC §8): the bot's invite URL with exactly the permissions the
 * config's enabled loops need — the URL (or JSON) on stdout, which loop needs what on stderr.
 */
export async function invite(
  configPath: string | undefined,
  flags: InviteFlags,
  ctx: CliContext,
): Promise<number> {
  const loaded = await loadConfig(configPath, ctx);
  if (!loaded.ok) return reportConfigProblems(loaded, flags.color, ctx);
  for (const warning of configWarnings(loaded)) ctx.sink.err(`! ${warning}`);
  const setups = loopSetups(loaded.config, ctx.registry);
  const { needs, bits, unknown } = permissionNeeds(
    setups.map(({ plan, action, options }) => ({
      loop: plan.name,
      action: action.name,
      permissions: action.permissions,
      options,
    })),
  );
  if (unknown.length > 0) throw unknownPermissions(unknown);
  const clientId = await clientIdOf(flags, loaded.config.token, ctx);
  const result: Invite = {
    url: inviteUrl(clientId, bits),
    clientId,
    permissions: `${bits}`,
    needs: Object.fromEntries(needs.map(({ name, loops }) => [name, loops])),
  };

  if (!flags.quiet) {
    const style = styleFor(colorWanted(ctx.stderr, flags.color, ctx.env));
    const width = Math.max(0, ...needs.map(({ name }) => permissionInWords(name).length));
    ctx.sink.err(
      needs.length === 0
        ? `No loop of ${loaded.file} needs a channel permission: the invite asks for none.`
        : `Permissions the loops of ${loaded.file} need (${bits}):`,
    );
    for (const { name, loops } of needs)
      ctx.sink.err(`  ${permissionInWords(name).padEnd(width)}  ${style.dim(loops.join(', '))}`);
    const disabled = loaded.config.loops.filter((l) => l.enabled === false).map((l) => l.name);
    if (disabled.length > 0)
      ctx.sink.err(style.dim(`  (not counted, disabled: ${disabled.join(', ')})`));
  }
  ctx.sink.out(flags.json ? JSON.stringify(result) : result.url);
  return 0;
}
