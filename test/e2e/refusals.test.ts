import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '@discloop/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

const WRONG_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gwrong.this-is-not-the-token-the-world-knows';

describe('what Discord refuses, spawned against the emulator', () => {
  it('a wrong token exits 3, says so, and never prints the token', async () => {
    const { code, stdout, stderr } = await spawnCli(['list-voice', '--once'], {
      DISCORD_TOKEN: WRONG_TOKEN,
      DISCLOOP_API_URL: emu.apiUrl,
    }).exit;
    expect(code).toBe(3);
    expect(stderr).toContain('Discord rejected the bot token.');
    expect(`${stdout}${stderr}`).not.toContain(WRONG_TOKEN);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a wrong token given with --token and -v is not printed either', async () => {
    const { code, stdout, stderr } = await spawnCli([
      'list-voice',
      '--once',
      '-v',
      '--token',
      WRONG_TOKEN,
      '--api-url',
      emu.apiUrl,
    ]).exit;
    expect(code).toBe(3);
    expect(`${stdout}${stderr}`).not.toContain(WRONG_TOKEN);
    expect(`${stdout}${stderr}`).not.toContain('this-is-not-the-token');
  });

  it('a refused privileged intent exits 4 and names the Developer Portal switch', async () => {
    const { code, stderr } = await spawnCli(['member-count', '--online', '--once'], {
      DISCORD_TOKEN: emu.token,
      DISCLOOP_API_URL: emu.apiUrl,
    }).exit;
    expect(code).toBe(4);
    expect(stderr).toContain('Discord refused the privileged gateway intent GuildPresences');
    expect(stderr).toContain('Turn on "Presence Intent" in the Developer Portal');
    expect(stderr).not.toContain(emu.token);
  });

  it('names the loop that needs the refused intent when it comes from a config', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'discloop-e2e-'));
    await writeFile(
      path.join(dir, 'loops.yaml'),
      'loops:\n  - name: online-now\n    action: member-count\n    with: { online: true }\n    minutes: 5\n',
    );
    const { code, stderr } = await spawnCli(
      ['run'],
      { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl },
      dir,
    ).exit;
    expect(code).toBe(4);
    expect(stderr).toContain('GuildPresences (needed by online-now)');
  });

  it('a token reset while loops run ends discloop with exit 3, the token unprinted', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'discloop-e2e-'));
    await writeFile(
      path.join(dir, 'loops.yaml'),
      'loops:\n  - name: v\n    action: list-voice\n    seconds: 1\n',
    );
    const token = emu.token;
    const cli = spawnCli(['run'], { DISCORD_TOKEN: token, DISCLOOP_API_URL: emu.apiUrl }, dir);
    await cli.nextLine((line) => line.startsWith('── ') && line.includes(' v #1'));
    emu.resetToken();
    const { code, stdout, stderr } = await cli.exit;
    expect(code).toBe(3);
    expect(stderr).toContain('Discord rejected the bot token.');
    expect(`${stdout}${stderr}`).not.toContain(token);
  });

  it('no token and no --sandbox exits 2 and says how to give one', async () => {
    const { code, stderr } = await spawnCli(['list-voice', '--once'], {
      DISCLOOP_API_URL: emu.apiUrl,
    }).exit;
    expect(code).toBe(2);
    expect(stderr).toContain('No bot token: set DISCORD_TOKEN');
    expect(stderr).toContain('--sandbox');
  });
});
