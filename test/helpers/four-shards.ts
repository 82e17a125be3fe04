import { world } from '@discloop/emulator';

/** Eight guilds over four shards: guild i lands on shard i % 4, each with a #general and voice. */
export const GUILDS = ['G0', 'G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7'];

export const fourShards = world({
  shards: 4,
  guilds: GUILDS.map((name, i) => ({
    name,
    text: ['general'],
    voice: { Lounge: [`member${i}`] },
  })),
});

/** The id of a guild's #general. */
export const generalOf = (guild: string) =>
  fourShards.guilds[GUILDS.indexOf(guild)]?.channels?.find((c) => c.name === 'general')?.id;
