import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '@discloop/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { validNdjson } from '../helpers/ndjson-schema.js';

let emu: Emulator;
let dir: string;
beforeEach(async () => {
  emu = await startEmulator();
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-gateway-'));
});
afterEach(() => emu.close());

async function run(yaml: string) {
  await writeFile(path.join(dir, 'loops.yaml'), yaml);
  return spawnCli(
    ['run', 'loops.yaml', '--json', '--no-state'],
    { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl },
    dir,
  );
}
const ms = (iso: unknown) => Date.parse(String(iso));
const isRun = (loop: string, n: number) => (line: string) =>
  line.includes(`"loop":"${loop}"`) && line.includes(`"iteration":${n},`);

describe('a gateway outage with REST up', () => {
  it('REST-only runs go on while the gateway is down; a listing waits and is stamped when it reads', async () => {
    const cli = await run(`loops:
  - { name: post, action: send-message, with: { channel: general, guild: Alpha Guild, content: tick }, seconds: 1, count: 4 }
  - { name: voice, action: list-voice, seconds: 1, count: 3 }
`);
    await cli.nextLine(isRun('voice', 1));
    emu.gatewayOutage({ durationMs: 2500, refuse: 'unavailable' });
    const { code, stdout } = await cli.exit;
    expect(code).toBe(0);
    const lines = validNdjson(stdout);
    const down = lines.filter((l) => l.type === 'disconnect');
    const back = lines.filter((l) => l.type === 'reconnect');
    // One outage: one disconnect, one reconnect, however many attempts it took.
    expect(down).toHaveLength(1);
    expect(back).toEqual([
      expect.objectContaining({ attempts: expect.any(Number), downMs: expect.any(Number) }),
    ]);
    const lostAt = ms(down[0]?.at);
    const backAt = ms(back[0]?.at);
    const runs = (loop: string) =>
      lines.flatMap((l) => (l.type === 'run' && l.loop === loop ? [l] : []));
    // send-message reads nothing live: its runs due during the outage finished during it.
    const postsDuring = runs('post').filter(
      (r) => ms(r.scheduledAt) > lostAt && ms(r.scheduledAt) < backAt - 1000,
    );
    expect(postsDuring.length).toBeGreaterThan(0);
    for (const r of postsDuring) expect(r.ok).toBe(true);
    for (const r of postsDuring) expect(ms(r.startedAt) + r.durationMs).toBeLessThan(backAt);
    // list-voice reads voice states: a run due during the outage waited, and says when it read.
    const waited = runs('voice').filter(
      (r) => ms(r.scheduledAt) > lostAt && ms(r.scheduledAt) < backAt,
    );
    expect(waited.length).toBeGreaterThan(0);
    for (const r of waited) expect(ms(r.startedAt)).toBeGreaterThanOrEqual(backAt - 1);
  }, 20_000);
});

describe('a new session (not a resume)', () => {
  it('carries the last presence: it is sent again after the new READY', async () => {
    const cli = await run(`loops:
  - { name: status, action: set-presence, with: { activities: ["Watching the voice channels"] }, minutes: 10, count: 2 }
`);
    await cli.nextLine(isRun('status', 1));
    const identifies = () => emu.payloads.filter((p) => p.direction === 'in' && p.op === 2);
    expect(identifies()).toHaveLength(1);
    emu.invalidSession(false);
    // discord.js spaces IDENTIFYs 5 s apart (max_concurrency 1): the new one comes after that.
    await emu.waitForPayload(
      (p) => p.direction === 'in' && p.op === 2 && p.seq > (identifies()[0]?.seq ?? 0),
      12_000,
    );
    const resent = await emu.waitForPayload(
      (p) => p.direction === 'in' && p.op === 3 && p.seq > (identifies()[1]?.seq ?? Infinity),
      5000,
    );
    cli.child.kill('SIGTERM');
    expect((await cli.exit).code).toBe(0);
    expect(resent.d).toMatchObject({
      activities: [expect.objectContaining({ name: 'the voice channels', type: 3 })],
    });
  }, 25_000);
});

describe('Discord refusing the intents mid-session (4014)', () => {
  it('exits 4 and says plainly what was refused, with no blanks', async () => {
    const cli = await run(`loops:
  - { name: voice, action: list-voice, seconds: 1 }
`);
    await cli.nextLine(isRun('voice', 1));
    emu.closeGateway(4014);
    const { code, stderr } = await cli.exit;
    expect(code).toBe(4);
    expect(stderr).toContain(
      'Discord refused the gateway intents this session asked for (Guilds, GuildVoiceStates',
    );
    expect(stderr).not.toMatch(/intents? : |Turn on {2}|This is a bug/);
  });
});
