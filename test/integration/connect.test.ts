import { defaultWorld, startEmulator } from '@discloop/emulator';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/discord/connect.js';
import {
  DiscordUnreachableError,
  IntentsRefusedError,
  TokenRejectedError,
} from '../../src/errors.js';
import { closedPort } from '../helpers/ports.js';

describe('connect', () => {
  it('retries an unreachable Discord with backoff, then fails with exit code 5', async () => {
    const port = await closedPort();
    const debug: string[] = [];
    const failure = connect({
      token: 'x'.repeat(24),
      apiUrl: `http://127.0.0.1:${port}/api`,
      intents: ['Guilds'],
      retryDelaysMs: [10, 20],
      onEvent: (event) => {
        if (event.type === 'notice') debug.push(event.message);
      },
    });
    await expect(failure).rejects.toBeInstanceOf(DiscordUnreachableError);
    await expect(failure).rejects.toMatchObject({
      exitCode: 5,
      message: expect.stringContaining('after 3 attempts (ECONNREFUSED)'),
    });
    // Each retry is announced (stderr without -v): no silence before exit 5.
    expect(debug).toEqual([
      `Cannot reach Discord at http://127.0.0.1:${port}/api (ECONNREFUSED); retrying in 10 ms, attempt 2 of 3`,
      `Cannot reach Discord at http://127.0.0.1:${port}/api (ECONNREFUSED); retrying in 20 ms, attempt 3 of 3`,
    ]);
  });
});

describe('connect against the emulator', () => {
  it('maps a gateway close 4004 (token reset between /gateway/bot and IDENTIFY) to exit code 3', async () => {
    const emu = await startEmulator();
    try {
      const token = emu.token;
      void emu.waitForRequest((r) => r.route === 'GET /gateway/bot').then(() => emu.resetToken());
      const failure = connect({
        token,
        apiUrl: emu.apiUrl,
        intents: ['Guilds'],
        onEvent: () => {},
      });
      await expect(failure).rejects.toBeInstanceOf(TokenRejectedError);
      expect(emu.connections.at(-1)?.closeCode).toBe(4004);
    } finally {
      await emu.close();
    }
  });

  it('maps 4014 to exit code 4, naming the intent, the loops that need it and the switch', async () => {
    const emu = await startEmulator();
    try {
      const failure = connect({
        token: emu.token,
        apiUrl: emu.apiUrl,
        intents: ['Guilds', 'GuildMembers', 'GuildPresences'],
        intentSources: { GuildPresences: ['online-count'], GuildMembers: ['greeter'] },
        onEvent: () => {},
      });
      await expect(failure).rejects.toBeInstanceOf(IntentsRefusedError);
      await expect(failure).rejects.toMatchObject({
        exitCode: 4,
        message:
          'Discord refused the privileged gateway intents GuildMembers (needed by greeter); GuildPresences (needed by online-count): not enabled for this bot.',
        hint: expect.stringContaining(
          'Turn on "Server Members Intent" and "Presence Intent" in the Developer Portal',
        ),
      });
    } finally {
      await emu.close();
    }
  });
});

describe('a guild in an outage at start', () => {
  it('is not waited for: its GUILD_DELETE (unavailable) answers READY as a GUILD_CREATE would', async () => {
    const world = defaultWorld();
    const [down, up] = world.guilds;
    if (!down || !up) throw new Error('the default world has two guilds');
    down.unavailable = true;
    const emu = await startEmulator({ world });
    try {
      const started = Date.now();
      const session = await connect({
        token: emu.token,
        apiUrl: emu.apiUrl,
        intents: ['Guilds'],
        onEvent: () => {},
      });
      // Waiting for it would have taken the 15 s guild timeout.
      expect(Date.now() - started).toBeLessThan(10_000);
      const port = session.portFor({
        loop: 't',
        signal: new AbortController().signal,
        effects: { sent: false },
        heldMs: 0,
      });
      expect(port.guilds().map((g) => g.id)).toEqual([up.id]);
      await session.close();
    } finally {
      await emu.close();
    }
  }, 20_000);
});
