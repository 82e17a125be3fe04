import { DEFAULT_IDS, type Emulator, startEmulator } from '@discloop/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { parseLines } from '../helpers/run-json.js';

let emu: Emulator;
beforeAll(async () => {
  // One short session after another on one shard: Discord's 5 s between IDENTIFYs would only
  // add op 9s and retries here (identify pacing has its own tests).
  emu = await startEmulator({ sessionStartLimit: false });
});
afterAll(() => emu.close());

const env = () => ({ DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl });

describe('discloop list-voice --once (spawned, against the emulator)', () => {
  it('prints the seed’s body: each guild, then a tab and "display name (channel)" per member', async () => {
    const { code, stdout } = await spawnCli(['list-voice', '--once'], env()).exit;
    expect(code).toBe(0);
    expect(stdout).toBe(
      'Alpha Guild\n\tAlice (General)\n\tBobby (General)\n\tdave (Gaming)\nBeta Guild\n\tCarol (Lounge)',
    );
  });

  it('takes the API URL from --api-url as well', async () => {
    const { code, stdout } = await spawnCli(
      ['list-voice', '--once', '--api-url', emu.apiUrl, '--guild', 'Beta Guild'],
      {
        DISCORD_TOKEN: emu.token,
      },
    ).exit;
    expect(code).toBe(0);
    expect(stdout).toBe('Beta Guild\n\tCarol (Lounge)');
  });

  it('--json prints the single run object of SPEC §5', async () => {
    const { code, stdout } = await spawnCli(
      ['list-voice', '--once', '--json', '--guild', DEFAULT_IDS.guilds.alpha],
      env(),
    ).exit;
    expect(code).toBe(0);
    const lines = parseLines(stdout);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      type: 'run',
      loop: 'list-voice',
      action: 'list-voice',
      iteration: 1,
      ok: true,
      data: {
        guilds: [
          {
            id: DEFAULT_IDS.guilds.alpha,
            name: 'Alpha Guild',
            channels: [
              {
                id: DEFAULT_IDS.channels.alphaGeneralVoice,
                name: 'General',
                members: [
                  { id: DEFAULT_IDS.users.alice, username: 'alice', displayName: 'Alice' },
                  { id: DEFAULT_IDS.users.bob, username: 'bob', displayName: 'Bobby' },
                ],
              },
              {
                id: DEFAULT_IDS.channels.alphaGaming,
                name: 'Gaming',
                members: [{ id: DEFAULT_IDS.users.dave, username: 'dave', displayName: 'dave' }],
              },
            ],
          },
        ],
      },
    });
    for (const key of ['at', 'scheduledAt', 'startedAt'])
      expect(Date.parse(String(lines[0]?.[key]))).not.toBeNaN();
    expect(typeof lines[0]?.durationMs).toBe('number');
  });

  it('a guild the bot is not in fails the run with exit 1 and says which guilds exist', async () => {
    const { code, stdout, stderr } = await spawnCli(
      ['list-voice', '--once', '--guild', 'Gamma Guild'],
      env(),
    ).exit;
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'The bot is in no guild named or with id "Gamma Guild" (it is in: "Alpha Guild", "Beta Guild").',
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('asks only for Guilds and GuildVoiceStates', async () => {
    const before = emu.payloads.length;
    await spawnCli(['list-voice', '--once'], env()).exit;
    const identify = emu.payloads.slice(before).find((p) => p.direction === 'in' && p.op === 2);
    expect(identify?.d).toMatchObject({ intents: 1 | 128 });
  });
});
