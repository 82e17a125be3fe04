import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { world } from '@discloop/emulator';
import { describe, expect, it } from 'vitest';
import { type CliRun, spawnCli } from '../helpers/cli.js';

/** The JSON line `discloop emulator` prints once it listens. */
async function endpointOf(emulator: CliRun): Promise<{ apiUrl: string; token: string }> {
  return JSON.parse(await emulator.nextLine((line) => line.startsWith('{')));
}

async function tempFile(name: string, content: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'discloop-emulator-'));
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify(content));
  return file;
}

describe('discloop emulator', () => {
  it('serves the demo world until SIGTERM; discloop connects to what it printed', async () => {
    const emulator = spawnCli(['emulator']);
    const { apiUrl, token } = await endpointOf(emulator);
    expect(apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);

    const guilds = await spawnCli(['guilds', '--once'], {
      DISCORD_TOKEN: token,
      DISCLOOP_API_URL: apiUrl,
    }).exit;
    expect(guilds.code).toBe(0);
    expect(guilds.stdout).toContain('Alpha Guild');
    expect(guilds.stdout).toContain('Beta Guild');

    emulator.child.kill('SIGTERM');
    const { code, stderr } = await emulator.exit;
    expect(code).toBe(0);
    expect(stderr).toContain(`Discord emulator serving the demo world at ${apiUrl}`);
    expect(stderr).toContain('Emulator stopped.');
  });

  it('serves a world file with an extra timeline, logs with -v, and stops on SIGINT too', async () => {
    const worldFile = await tempFile(
      'world.json',
      world({ guilds: [{ name: 'Gamma Guild', voice: { General: ['Alice'] } }] }),
    );
    const timeline = await tempFile('timeline.json', [
      { at: 0, event: { type: 'setRestGlobalLimit', perSecond: null } },
    ]);
    const emulator = spawnCli(['emulator', worldFile, '--timeline', timeline, '-v']);
    const { apiUrl, token } = await endpointOf(emulator);
    const voice = await spawnCli(['list-voice', '--once'], {
      DISCORD_TOKEN: token,
      DISCLOOP_API_URL: apiUrl,
    }).exit;
    expect(voice.stdout).toContain('Gamma Guild');
    expect(voice.stdout).toContain('Alice (General)');
    emulator.child.kill('SIGINT');
    const { code, stderr } = await emulator.exit;
    expect(code).toBe(0);
    // -v: what the emulator did, the timeline's step included.
    expect(stderr).toContain('timeline: setRestGlobalLimit');
    expect(stderr).toContain('rest: GET /gateway/bot → 200');
  });

  it('a world that does not hold together exits 2, naming each problem', async () => {
    const worldFile = await tempFile('world.json', { guilds: [{ id: '1' }] });
    const { code, stdout, stderr } = await spawnCli(['emulator', worldFile]).exit;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('guilds[0].id: expected a snowflake id');
    expect(stderr).toContain('guilds[0].name: required');
  });

  it('a world file and --demo together exit 2', async () => {
    const worldFile = await tempFile('world.json', world({ guilds: [{ name: 'Gamma Guild' }] }));
    const { code, stderr } = await spawnCli(['emulator', worldFile, '--demo']).exit;
    expect(code).toBe(2);
    expect(stderr).toContain('Give a world file or --demo, not both.');
  });
});
