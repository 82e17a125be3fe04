import { describe, expect, it } from 'vitest';
import type { OptionsSpec } from '../../../src/actions/options.js';
import {
  type Answer,
  placeLoop,
  type Target,
  targetsOf,
  type Where,
} from '../../../src/run/placement-rule.js';

const ID = '81000000000000001';
const guild = (ref: string, where: Where): Answer => ({ of: 'guild', option: 'guild', ref, where });
const channel = (ref: string, where: Where): Answer => ({
  of: 'channel',
  option: 'channel',
  ref,
  where,
});
const strip = ({ where: _, ...target }: Answer): Target => target;
const unbound = { answers: [], acrossShards: false, shardZeroHere: false };

describe('where a loop runs (SPEC §9)', () => {
  it.each([
    [
      'working across shards runs here without shard 0',
      { acrossShards: true, shardZeroHere: false },
      'here',
    ],
    [
      'bound to nothing runs here with shard 0',
      { acrossShards: false, shardZeroHere: true },
      'here',
    ],
    [
      'bound to nothing, shard 0 elsewhere',
      { acrossShards: false, shardZeroHere: false },
      'elsewhere',
    ],
  ])('a loop %s', (_, how, place) => {
    expect(placeLoop({ ...unbound, ...how }).place).toBe(place);
  });

  it('a bound loop runs where any of its targets is, keeping those only', () => {
    const here = guild('A', 'here');
    const place = placeLoop({
      ...unbound,
      shardZeroHere: true,
      answers: [guild('B', 'elsewhere'), here, guild('C', 'nowhere')],
    });
    expect(place).toEqual({ place: 'here', kept: [strip(here)] });
  });

  it('a bound loop runs elsewhere when its targets are all elsewhere, whatever shard 0 and acrossShards say', () => {
    const answers = [guild(ID, 'elsewhere'), channel('general', 'elsewhere')];
    expect(placeLoop({ answers, acrossShards: true, shardZeroHere: true })).toEqual({
      place: 'elsewhere',
    });
  });

  it('a target found nowhere fails the loop, unless another is here', () => {
    const missing = channel(ID, 'nowhere');
    expect(placeLoop({ ...unbound, answers: [guild('B', 'elsewhere'), missing] })).toEqual({
      place: 'nowhere',
      missing: strip(missing),
    });
  });

  it('a target only run can look up leaves the loop to start, unless another is here', () => {
    const named = guild('Alpha Guild', 'at-start');
    expect(placeLoop({ ...unbound, answers: [guild(ID, 'elsewhere'), named] })).toEqual({
      place: 'at-start',
      pending: [strip(named)],
    });
    expect(placeLoop({ ...unbound, answers: [named, guild(ID, 'here')] }).place).toBe('here');
  });
});

describe("a loop's targets", () => {
  const spec: OptionsSpec = {
    channel: { kind: 'target', of: 'channel', description: '' },
    guild: { kind: 'targets', of: 'guild', description: '' },
    content: { kind: 'template', description: '', scope: 'guild' },
  };

  it('are its guild and channel options, the guilds first', () => {
    expect(targetsOf(spec, { channel: ID, guild: ['A', 'B'], content: 'hi' })).toEqual([
      { of: 'guild', option: 'guild', ref: 'A' },
      { of: 'guild', option: 'guild', ref: 'B' },
      { of: 'channel', option: 'channel', ref: ID },
    ]);
  });

  it('leave out a channel named within a guild: the guild decides', () => {
    expect(targetsOf(spec, { channel: 'general', guild: ['A'] })).toEqual([
      { of: 'guild', option: 'guild', ref: 'A' },
    ]);
    expect(targetsOf(spec, { channel: '#general' })).toEqual([
      { of: 'channel', option: 'channel', ref: '#general' },
    ]);
  });

  it("leave out users: purge's authors neither place the loop nor are narrowed away", () => {
    const purge: OptionsSpec = {
      channel: { kind: 'targets', of: 'channel', description: '' },
      authors: { kind: 'targets', of: 'user', description: '' },
    };
    expect(targetsOf(purge, { channel: ['general'], authors: ['alice', ID] })).toEqual([
      { of: 'channel', option: 'channel', ref: 'general' },
    ]);
  });

  it('are none when no such option is set', () => {
    expect(targetsOf(spec, { content: 'hi' })).toEqual([]);
  });
});
