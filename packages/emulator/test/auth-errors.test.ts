import { DiscordjsErrorCodes, GatewayIntentBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { world } from '../src/index.js';
import { useEmulator } from './harness.js';

describe('when Discord says no', () => {
  const harness = useEmulator();

  it('turns a 401 on GET /gateway/bot into TokenInvalid from client.login()', async () => {
    const emu = await harness.start();
    const client = harness.client(emu);

    await expect(client.login('not-the-token')).rejects.toMatchObject({
      code: DiscordjsErrorCodes.TokenInvalid,
    });
    const request = emu.requests.find((r) => r.route === 'GET /gateway/bot');
    expect(request).toMatchObject({
      status: 401,
      response: { message: '401: Unauthorized', code: 0 },
    });
    expect(request?.headers.authorization).toBe('Bot [redacted]');
    expect(emu.connections).toHaveLength(0);
  });

  it('closes with 4004 when the token is refused at IDENTIFY, and login() rejects', async () => {
    const emu = await harness.start();
    const client = harness.client(emu);
    const disconnected = new Promise<number>((resolve) =>
      client.once('shardDisconnect', (event) => resolve(event.code)),
    );
    const oldToken = emu.token;
    // The token is reset between GET /gateway/bot and IDENTIFY, so only the gateway refuses it.
    void emu.waitForRequest((r) => r.route === 'GET /gateway/bot').then(() => emu.resetToken());

    await expect(client.login(oldToken)).rejects.toThrow('Authentication failed');
    expect(await disconnected).toBe(4004);
    expect(emu.connections[0]).toMatchObject({ closedBy: 'emulator', closeCode: 4004 });
    expect(emu.payloads.some((p) => p.t === 'READY')).toBe(false);
    const everything = JSON.stringify([emu.requests, emu.payloads]);
    expect(everything).not.toContain(oldToken);
    expect(everything).not.toContain(emu.token);
  });

  it('closes a live session with 4004 when the token is reset, and the client stays down', async () => {
    const lines: string[] = [];
    const emu = await harness.start({ log: (line) => lines.push(line) });
    const oldToken = emu.token;
    const client = await harness.login(emu);
    const disconnected = new Promise<number>((resolve) =>
      client.once('shardDisconnect', (event) => resolve(event.code)),
    );

    emu.resetToken();

    expect(await disconnected).toBe(4004);
    expect(emu.connections).toHaveLength(1);
    await expect(client.rest.get('/users/@me')).rejects.toMatchObject({ status: 401 });
    // The log tells the story without ever spelling out a token.
    expect(lines.some((line) => line.includes('token reset'))).toBe(true);
    expect(lines.some((line) => line.includes('GET /gateway/bot'))).toBe(true);
    expect(lines.join('\n')).not.toContain(oldToken);
    expect(lines.join('\n')).not.toContain(emu.token);
  });

  it('closes with 4014 for a privileged intent the application has not enabled', async () => {
    const emu = await harness.start();
    const client = harness.client(emu, {
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
    });
    const disconnected = new Promise<number>((resolve) =>
      client.once('shardDisconnect', (event) => resolve(event.code)),
    );

    await expect(client.login(emu.token)).rejects.toThrow('Used disallowed intents');
    expect(await disconnected).toBe(4014);
    expect(emu.connections.map((c) => c.closeCode)).toEqual([4014]);
  });

  it('accepts the same privileged intent once the application has it enabled', async () => {
    const emu = await harness.start({
      world: world({
        privilegedIntents: ['GuildMembers'],
        guilds: [{ name: 'Alpha Guild', voice: { General: ['Alice'] }, members: ['Bob'] }],
      }),
    });
    const client = await harness.login(emu, {
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
    });

    const members = await client.guilds.cache.first()?.members.fetch();
    expect(members?.map((m) => m.displayName).sort()).toEqual(['Alice', 'Bob', 'Discloop']);
    expect(emu.payloads.filter((p) => p.t === 'GUILD_MEMBERS_CHUNK')).toHaveLength(1);
  });
});
