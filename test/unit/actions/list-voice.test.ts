import { describe, expect, it } from 'vitest';
import { listVoice } from '../../../src/actions/list-voice.js';
import { dataContext } from '../../helpers/data-port.js';

const member = (id: string, displayName: string) => ({
  id,
  username: displayName.toLowerCase(),
  displayName,
});
const context = dataContext([
  {
    id: '100000000000000001',
    name: 'Alpha Guild',
    channels: [
      {
        id: '200000000000000001',
        name: 'General',
        members: [member('3', 'Bob'), member('4', 'Alice')],
      },
      { id: '200000000000000002', name: 'Gaming', members: [] },
    ],
  },
  {
    id: '100000000000000002',
    name: 'Beta Guild',
    channels: [{ id: '200000000000000003', name: 'Lounge', members: [member('5', 'Carol')] }],
  },
]);

const run = (options: Parameters<typeof listVoice.run>[1]) => listVoice.run(context, options);

describe('list-voice', () => {
  it('renders the seed’s shape: guild on its own line, members by display name under it', async () => {
    const text = listVoice.renderText(await run({ includeEmpty: false }));
    expect(text).toBe(
      'Alpha Guild\n\tAlice (General)\n\tBob (General)\nBeta Guild\n\tCarol (Lounge)',
    );
  });

  it('keeps empty channels out unless includeEmpty', async () => {
    const data = await run({ includeEmpty: true });
    expect(data.guilds[0]?.channels.map((c) => c.name)).toEqual(['General', 'Gaming']);
    expect(listVoice.renderText(data)).toContain('\t(empty) (Gaming)');
  });

  it('filters by guild and channel, by name or id', async () => {
    const data = await run({ includeEmpty: false, guild: ['100000000000000002'] });
    expect(data.guilds.map((g) => g.name)).toEqual(['Beta Guild']);
    const byChannel = await run({ includeEmpty: true, channel: ['Gaming'] });
    expect(byChannel.guilds.map((g) => g.channels.map((c) => c.name))).toEqual([['Gaming'], []]);
  });

  it('fails the run with a clear message for a guild or channel that does not exist', async () => {
    await expect(run({ includeEmpty: false, guild: ['Gamma'] })).rejects.toMatchObject({
      code: 'unknown_guild',
      message:
        'The bot is in no guild named or with id "Gamma" (it is in: "Alpha Guild", "Beta Guild").',
    });
    await expect(run({ includeEmpty: false, channel: ['Nope'] })).rejects.toMatchObject({
      code: 'unknown_channel',
    });
  });
});
