import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultWorld, type Emulator, startEmulator } from '@discloop/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { closedPort } from '../helpers/ports.js';

/** An application id that is not the bot's user id: it can only come from /applications/@me. */
const APPLICATION_ID = '1093429533900931072';
const WRONG_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gwrong.this-is-not-the-token-the-world-knows';

let emu: Emulator;
let config: string;
beforeAll(async () => {
  emu = await startEmulator({
    world: { ...defaultWorld(), application: { id: APPLICATION_ID, name: 'Discloop' } },
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'discloop-invite-'));
  config = path.join(dir, 'loops.yaml');
  await writeFile(
    config,
    [
      'loops:',
      '  - name: greet',
      '    action: send-message',
      '    with: { channel: general, content: "Good morning, {guild.name}!" }',
      '    time: "09:00"',
      '  - name: counter',
      '    action: rename-channel',
      '    with: { channel: General, name: "Members: {guild.memberCount}" }',
      '    minutes: 10',
      '  - name: voice',
      '    action: list-voice',
      '    seconds: 10',
      '',
    ].join('\n'),
  );
});
afterAll(() => emu.close());

const urlFor = (clientId: string, permissions: string) =>
  `https://discord.com/oauth2/authorize?client_id=${clientId}&scope=bot&permissions=${permissions}`;

describe('discloop invite', () => {
  it('with --client-id needs no token and no network: send-message + rename-channel = 3088', async () => {
    const { code, stdout, stderr } = await spawnCli([
      'invite',
      config,
      '--client-id',
      '893429533900931072',
    ]).exit;
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(urlFor('893429533900931072', '3088'));
    expect(stderr).toMatch(/Manage Channels\s+counter/);
    expect(stderr).toMatch(/View Channel\s+greet, counter/);
    expect(stderr).toMatch(/Send Messages\s+greet/);
    expect(stderr).not.toContain('voice');
  });

  it('--json prints the URL, the client id, the bits and which loops need each permission', async () => {
    const { code, stdout } = await spawnCli([
      'invite',
      config,
      '--client-id',
      '893429533900931072',
      '--json',
    ]).exit;
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      url: urlFor('893429533900931072', '3088'),
      clientId: '893429533900931072',
      permissions: '3088',
      needs: {
        ManageChannels: ['counter'],
        ViewChannel: ['greet', 'counter'],
        SendMessages: ['greet'],
      },
    });
  });

  it("asks Discord for the application's id with the token, and prints no token", async () => {
    const { code, stdout, stderr } = await spawnCli(['invite', config, '--json'], {
      DISCORD_TOKEN: emu.token,
      DISCLOOP_API_URL: emu.apiUrl,
    }).exit;
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      url: urlFor(APPLICATION_ID, '3088'),
      clientId: APPLICATION_ID,
    });
    const asked = emu.requests.filter((r) => r.route === 'GET /applications/@me');
    expect(asked.map((r) => [r.status, r.headers.authorization])).toEqual([
      [200, 'Bot [redacted]'],
    ]);
    expect(`${stdout}${stderr}`).not.toContain(emu.token);
  });

  it('works with --sandbox: the demo world answers', async () => {
    const { code, stdout } = await spawnCli(['invite', config, '--sandbox']).exit;
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(
      /^https:\/\/discord\.com\/oauth2\/authorize\?client_id=\d{17,20}&/,
    );
  });

  it('a rejected token exits 3 and says so', async () => {
    const { code, stdout, stderr } = await spawnCli(
      ['invite', config, '--api-url', emu.apiUrl, '--token', WRONG_TOKEN],
      {},
    ).exit;
    expect(code).toBe(3);
    expect(stderr).toContain('Discord rejected the bot token');
    expect(stdout).toBe('');
    expect(`${stdout}${stderr}`).not.toContain('this-is-not-the-token');
  });

  it('Discord out of reach exits 5 and points at --client-id', async () => {
    const port = await closedPort();
    const { code, stderr } = await spawnCli(['invite', config, '-q'], {
      DISCORD_TOKEN: emu.token,
      DISCLOOP_API_URL: `http://127.0.0.1:${port}/api`,
    }).exit;
    expect(code).toBe(5);
    expect(stderr).toContain(`Could not reach Discord at http://127.0.0.1:${port}/api`);
    expect(stderr).toContain('--client-id');
  });

  it('without a client id or a token exits 2 and says how to give one', async () => {
    const { code, stderr } = await spawnCli(['invite', config]).exit;
    expect(code).toBe(2);
    expect(stderr).toContain('No application id to invite.');
    expect(stderr).toContain('--client-id');
  });

  it('a client id that is not one exits 2', async () => {
    const { code, stderr } = await spawnCli(['invite', config, '--client-id', 'my-bot']).exit;
    expect(code).toBe(2);
    expect(stderr).toContain('--client-id expects an application id');
  });
});
