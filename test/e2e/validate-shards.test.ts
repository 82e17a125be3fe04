import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';

/** A guild id on `shard` of 4: Discord's rule is (id >> 22) % count. */
const guildOn = (shard: number) => ((200_000_000_000n + BigInt(shard)) << 22n).toString();
const [G1, G3] = [guildOn(1), guildOn(3)];

/** A plugin action has no guild or channel option discloop can read: it is bound to nothing. */
const PING = `import { defineAction } from 'discloop';
export default defineAction({ name: 'ping', description: 'Do nothing', run() {} });
`;

const LOOPS = `plugins: [./ping.ts]
loops:
  - { name: voice, action: list-voice, seconds: 30 }
  - { name: ping, action: ping, hours: 1 }
  - { name: post-g1, action: send-message, with: { guild: "${G1}", channel: general, content: hi }, hours: 1 }
  - { name: post-g3, action: send-message, with: { guild: "${G3}", channel: general, content: hi }, hours: 1 }
  - { name: alpha, action: list-voice, with: { guild: Alpha Guild }, minutes: 5 }
  - { name: bump, action: rename-channel, with: { channel: "${guildOn(2)}", name: x }, hours: 1 }
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-validate-shards-'));
  await writeFile(path.join(dir, 'ping.ts'), PING);
  await writeFile(path.join(dir, 'loops.yaml'), LOOPS);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const validate = (args: string[], env: Record<string, string> = {}) =>
  spawnCli(['validate', 'loops.yaml', ...args], env, dir).exit;
/** What validate prints after the loops: the placement block. */
const placement = (stdout: string) => stdout.slice(stdout.indexOf('\nShards ') + 1);

const AT_START = `  decided at start:
    alpha (guild named "Alpha Guild" is looked up when run connects)
    bump (channel ${guildOn(2)} is looked up when run connects)`;

describe('validate --shards: which loops a process would run, without connecting', () => {
  it('with shard 0: unbound loops, loops across shards and guilds of its shards run here', async () => {
    const { code, stdout, stderr } = await validate(['--shards', '0-1', '--shard-count', '4']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^✓ loops\.yaml: 6 loops to run/);
    expect(placement(stdout)).toBe(
      `Shards 0-1 of 4: runs 3 loops here, 1 elsewhere, 2 decided at start
  here:
    voice (in every process, on its own shards)
    ping (bound to nothing: where shard 0 is)
    post-g1 (guild ${G1} on shard 1)
  elsewhere:
    post-g3 (guild ${G3} on shard 3)
${AT_START}`,
    );
  });

  it('without shard 0, from the environment: unbound loops run elsewhere, across shards still here', async () => {
    const env = {
      DISCLOOP_PROCESS_INDEX: '1',
      DISCLOOP_PROCESS_COUNT: '2',
      DISCLOOP_SHARD_COUNT: '4',
    };
    const { code, stdout, stderr } = await validate([], env);
    expect(code, stderr).toBe(0);
    expect(placement(stdout)).toBe(
      `Shards 2-3 of 4: runs 2 loops here, 2 elsewhere, 2 decided at start
  here:
    voice (in every process, on its own shards)
    post-g3 (guild ${G3} on shard 3)
  elsewhere:
    ping (bound to nothing: where shard 0 is)
    post-g1 (guild ${G1} on shard 1)
${AT_START}`,
    );
  });

  it.each([
    ['no count', ['--shards', '0-1']],
    ['auto', ['--shards', '0-1', '--shard-count', 'auto']],
  ])('needs a number for the shard count (%s): exit 2', async (_, args) => {
    const { code, stdout, stderr } = await validate(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('✗ validate needs a number for --shard-count');
  });

  it('takes the shard options’ usage errors as run does', async () => {
    const { code, stderr } = await validate(['--shards', '4', '--shard-count', '4']);
    expect(code).toBe(2);
    expect(stderr).toContain('✗ Shard 4 does not exist with a shard count of 4');
  });

  it('without shard options prints no placement', async () => {
    const { code, stdout } = await validate([]);
    expect(code).toBe(0);
    expect(stdout).not.toContain('Shards ');
  });
});
