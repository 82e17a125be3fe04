import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_IDS, type Emulator, startEmulator } from '@discloop/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { okData, runConfig } from '../helpers/run-config.js';

const { channels, guilds, users } = DEFAULT_IDS;
let emu: Emulator;
let dir: string;

beforeEach(async () => {
  emu = await startEmulator({ heartbeatIntervalMs: 1000 });
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-edit-'));
});
afterEach(() => emu.close());

/**
 * One process of `discloop run` until the loop has done `count` runs in all, with the state
 * file beside the config: each call is a restart of the one before.
 */
async function runUntil(count: number) {
  const { code, lines } = await runConfig(
    emu,
    dir,
    `loops:
  - name: board
    action: send-message
    with: { channel: general, guild: Alpha Guild, content: "In voice: {guild.voiceCount}", edit: true }
    seconds: 1
    count: ${count}
`,
  );
  expect(code).toBe(0);
  return okData(lines);
}

const requestsTo = (route: string) =>
  emu.requests.filter((r) => r.route === route && r.params.id === channels.alphaGeneralText);
const posts = () => requestsTo('POST /channels/:id/messages');
const edits = () => requestsTo('PATCH /channels/:id/messages/:messageId');
const inGeneral = () =>
  emu
    .world()
    .messages.filter((m) => m.channelId === channels.alphaGeneralText)
    .map((m) => ({ id: m.id, content: m.content }));

describe('send-message with edit: true keeps one message up to date', () => {
  it('posts once, edits that message across restarts, sends nothing unchanged, reposts one deleted', async () => {
    // Runs 1–2: posted, then unchanged (no request at all).
    expect(await runUntil(2)).toEqual([
      expect.objectContaining({ edit: 'posted', changed: true, message: expect.anything() }),
      expect.objectContaining({ edit: 'unchanged', changed: false }),
    ]);
    const first = posts()[0]?.response as { id: string };
    expect(posts()).toHaveLength(1);
    expect(edits()).toHaveLength(0);

    // A restart after someone left voice: the same message is edited, once.
    emu.voiceLeave(users.alice, guilds.alpha);
    expect(await runUntil(4)).toEqual([
      expect.objectContaining({
        edit: 'edited',
        changed: true,
        message: { id: first.id, content: 'In voice: 2' },
      }),
      expect.objectContaining({ edit: 'unchanged', changed: false }),
    ]);
    expect(edits().map((r) => [r.params.messageId, r.body, r.status])).toEqual([
      [
        first.id,
        expect.objectContaining({ content: 'In voice: 2', allowed_mentions: { parse: [] } }),
        200,
      ],
    ]);
    expect(posts()).toHaveLength(1);

    // Deleted in Discord meanwhile: the next change is posted anew, and that message is kept.
    emu.deleteMessage(channels.alphaGeneralText, first.id);
    emu.voiceJoin(users.alice, channels.alphaGeneralVoice);
    const [reposted] = await runUntil(5);
    const second = posts()[1]?.response as { id: string };
    expect(reposted).toMatchObject({ edit: 'reposted', changed: true, message: { id: second.id } });
    expect(edits().map((r) => [r.params.messageId, r.status])).toEqual([
      [first.id, 200],
      [first.id, 404],
    ]);
    emu.voiceLeave(users.bob, guilds.alpha);
    expect(await runUntil(6)).toEqual([
      expect.objectContaining({
        edit: 'edited',
        message: { id: second.id, content: 'In voice: 2' },
      }),
    ]);
    expect(inGeneral()).toEqual([{ id: second.id, content: 'In voice: 2' }]);
  });
});
