import { stat } from 'node:fs/promises';
import path from 'node:path';
import { cosmiconfig, type Loader } from 'cosmiconfig';
import type { ActionRegistry } from '../actions/registry.js';
import { UsageError } from '../errors.js';
import { withPlugins } from '../plugins/registry.js';
import { interpolate } from './interpolate.js';
import { type Problem, pathText, valueAt } from './problems.js';
import type { Config } from './schema.js';
import { type ConfigSource, parseYamlSource } from './source.js';
import { MINIMAL_CONFIG } from './starter.js';
import { validateConfig } from './validate.js';

/** SPEC §2's search places, in order, in the current directory. */
export const SEARCH_PLACES = [
  'loops.yaml',
  'loops.yml',
  'discloop.yaml',
  'discloop.yml',
  '.disclooprc',
  '.disclooprc.json',
  '.disclooprc.yaml',
  '.disclooprc.yml',
  'discloop.config.js',
  'discloop.config.mjs',
  'discloop.config.cjs',
  'package.json',
];

/** Where a config is searched for, how its `${VAR}`s are filled, and which actions it may use. */
export interface LoadContext {
  cwd: string;
  env: Record<string, string | undefined>;
  registry: ActionRegistry;
}

/** The file found, and its text where positions can be shown (YAML and JSON; not JS configs). */
interface ConfigFile {
  file: string;
  source: ConfigSource | undefined;
}

/**
 * A config ready to use (warnings aside), with the actions its loops may use (the built-ins and
 * its plugins'), or the problems every command prints before exiting 2.
 */
export type ConfigResult = ConfigLoaded | ConfigRejected;
export type ConfigLoaded = ConfigFile & {
  ok: true;
  config: Config;
  warnings: Problem[];
  registry: ActionRegistry;
};
export type ConfigRejected = ConfigFile & { ok: false; problems: Problem[] };

/**
 * A config found, parsed and its plugins loaded, its loops not yet checked: enough for
 * `discloop actions` and `schema`. `problems` are those found so far (unset variables).
 */
export type ConfigRead = ConfigFile & {
  ok: true;
  /** With `${VAR}`s filled in. */
  value: unknown;
  /** As written. */
  original: unknown;
  problems: Problem[];
  registry: ActionRegistry;
};

/**
 * Finds (or opens `explicitPath`) and validates the config. YAML and JSON go through our own
 * loader so positions survive; JS configs have none, so their problems name the path only.
 * A config's problems are returned, never thrown; only a missing file is a UsageError.
 */
export async function loadConfig(
  explicitPath: string | undefined,
  ctx: LoadContext,
): Promise<ConfigResult> {
  const read = await readConfig(explicitPath, ctx);
  if (!read.ok) return read;
  const { file, source, registry } = read;
  const validation = validateConfig(read.value, registry);
  // A value with an unset ${VAR} is reported once, as that: what the schema says of the
  // "${VAR}" left in its place (not a number, an unknown placeholder) follows from it.
  const unset = new Set(read.problems.map((problem) => pathText(problem.path)));
  const problems = [
    ...read.problems,
    ...(validation.ok ? [] : validation.problems).filter(
      (problem) => problem.at === 'key' || !unset.has(pathText(problem.path)),
    ),
  ];
  if (!validation.ok || problems.length > 0) return { ok: false, file, source, problems };
  const warnings = [...validation.warnings, ...literalTokenWarning(read.original)];
  return { ok: true, file, source, config: validation.config, warnings, registry };
}

/**
 * Finds (or opens `explicitPath`) the config, parses it, fills in `${VAR}`s and loads its
 * plugins: everything but checking its loops.
 */
export async function readConfig(
  explicitPath: string | undefined,
  { cwd, env, registry }: LoadContext,
): Promise<ConfigRead | ConfigRejected> {
  const sources = new Map<string, ReturnType<typeof parseYamlSource>>();
  const yamlLoader: Loader = (filepath, content) => {
    const prefix = path.basename(filepath) === 'package.json' ? ['discloop'] : [];
    const parsed = parseYamlSource(filepath, content, prefix);
    sources.set(filepath, parsed);
    return prefix.length > 0
      ? { discloop: parsed.value ?? (parsed.problems.length > 0 ? {} : undefined) }
      : (parsed.value ?? {});
  };
  const explorer = cosmiconfig('discloop', {
    searchPlaces: SEARCH_PLACES,
    // Any other extension (loops.txt, a .gz given by mistake) is read as YAML too, so it gets
    // positions, or is said not to be text, rather than "no loader".
    loaders: {
      '.yaml': yamlLoader,
      '.yml': yamlLoader,
      '.json': yamlLoader,
      noExt: yamlLoader,
      default: yamlLoader,
    },
    cache: false,
    // An empty loops.yaml is a mistake to report, not a file to look past.
    ignoreEmptySearchPlaces: false,
  });
  const resolved = path.resolve(cwd, explicitPath ?? '.');
  const found = await (explicitPath ? explorer.load(resolved) : explorer.search(cwd)).catch(
    async (error: NodeJS.ErrnoException) => {
      throw (await readError(error, explicitPath ?? cwd, resolved)) ?? error;
    },
  );
  if (!found) {
    throw new UsageError(
      `No config file found in ${cwd}.`,
      `Looked for ${SEARCH_PLACES.join(', ')}. Run \`discloop init\` to write one, or pass a path.`,
    );
  }
  const parsed = sources.get(found.filepath);
  const relative = path.relative(cwd, found.filepath);
  const file = relative && !relative.startsWith('..') ? relative : found.filepath;
  const source = parsed?.source;
  if (found.isEmpty || parsed?.empty)
    return {
      ok: false,
      file,
      source: undefined,
      problems: [emptyConfigProblem(file, Boolean(source?.text.trim()))],
    };
  if (parsed && parsed.problems.length > 0)
    return { ok: false, file, source, problems: parsed.problems };
  const interpolated = interpolate(found.config, env);
  const plugins = await loadPlugins(interpolated.value, found.filepath, registry);
  if (plugins.problems.length > 0)
    return { ok: false, file, source, problems: [...interpolated.problems, ...plugins.problems] };
  return {
    ok: true,
    file,
    source,
    value: interpolated.value,
    original: found.config,
    problems: interpolated.problems,
    registry: plugins.registry,
  };
}

/**
 * The built-ins and the actions of the config's `plugins:` (SPEC §10), loaded before its loops
 * are checked, so that their options are checked like the built-ins'. A config without
 * plugins loads no loader.
 */
async function loadPlugins(value: unknown, configFile: string, builtins: ActionRegistry) {
  const listed = valueAt(value, ['plugins']);
  const entries = Array.isArray(listed)
    ? listed.flatMap((entry, index) => (typeof entry === 'string' ? [{ entry, index }] : []))
    : [];
  if (entries.length === 0) return { registry: builtins, problems: [] };
  const { importPlugins } = await import('../plugins/load.js');
  return withPlugins(builtins, await importPlugins(entries, configFile));
}

/** An empty file (or one of comments only), or a JS config that exports nothing. */
function emptyConfigProblem(file: string, hasComments: boolean): Problem {
  const problem = { path: [], line: 1, column: 1 };
  if (/\.[cm]?[jt]s$/.test(file))
    return {
      ...problem,
      message: 'the file exports no config: expected a default export with at least one loop',
      hint: "export default { loops: [{ name: 'voice-report', action: 'list-voice', seconds: 10 }] };",
    };
  return {
    ...problem,
    message: `the file is empty${hasComments ? ' (it has only comments)' : ''}: expected a config with at least one loop, such as:`,
    hint: `${MINIMAL_CONFIG}\n(\`discloop init --force ${file}\` writes a commented one.)`,
  };
}

/**
 * Why a config path could not be read, in the user's terms; undefined for our bugs. For a folder
 * given as the config, the config file in it (if any) is named, without loading it.
 */
async function readError(
  { code }: NodeJS.ErrnoException,
  given: string,
  resolved: string,
): Promise<UsageError | undefined> {
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new UsageError(
        `No config file at ${given}.`,
        'Check the path, or run `discloop init` to write a starter config.',
      );
    case 'EISDIR': {
      const inside = await configFileIn(resolved);
      return new UsageError(
        `${given} is a folder: expected a config file.`,
        inside
          ? `Did you mean ${path.join(given, inside)}?`
          : `Pass a config file, such as ${path.join(given, 'loops.yaml')} (\`discloop init ${path.join(given, 'loops.yaml')}\` writes one).`,
      );
    }
    case 'EACCES':
    case 'EPERM':
      return new UsageError(`Cannot read ${given}: permission denied.`);
    default:
      return undefined;
  }
}

/** The first search place present in `folder` (package.json aside: it is rarely a config). */
async function configFileIn(folder: string): Promise<string | undefined> {
  for (const name of SEARCH_PLACES.filter((place) => place !== 'package.json')) {
    const present = await stat(path.join(folder, name)).then(
      (found) => found.isFile(),
      () => false,
    );
    if (present) return name;
  }
  return undefined;
}

function literalTokenWarning(raw: unknown): Problem[] {
  const token = (raw as { token?: unknown } | null)?.token;
  if (typeof token !== 'string' || token.includes('${')) return [];
  return [
    {
      path: ['token'],
      message:
        'the bot token is written in the file: anyone who can read the file can run your bot; prefer token: ${DISCORD_TOKEN}',
    },
  ];
}
