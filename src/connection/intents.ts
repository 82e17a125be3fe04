/**
 * Gateway intents by name, with their bits from the Discord documentation. Kept free of
 * discord.js so that commands which never connect (help, validate, actions) do not load it.
 */
export const INTENT_BITS = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildVoiceStates: 1 << 7,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  MessageContent: 1 << 15,
} as const;

export type IntentName = keyof typeof INTENT_BITS;

/** Privileged intents and the switch that enables each one (Developer Portal → Bot → Privileged Gateway Intents). */
export const PRIVILEGED_INTENT_SWITCHES: Partial<Record<IntentName, string>> = {
  GuildMembers: 'Server Members Intent',
  GuildPresences: 'Presence Intent',
  MessageContent: 'Message Content Intent',
};

const ORDER = Object.keys(INTENT_BITS) as IntentName[];

/** Union of intent names, in a stable order. */
export function unionIntents(lists: Iterable<readonly IntentName[]>): IntentName[] {
  const wanted = new Set<IntentName>();
  for (const list of lists) for (const name of list) wanted.add(name);
  return ORDER.filter((name) => wanted.has(name));
}

export function intentsBitfield(names: readonly IntentName[]): number {
  return names.reduce((bits, name) => bits | INTENT_BITS[name], 0);
}

export function privilegedAmong(names: readonly IntentName[]): IntentName[] {
  return names.filter((name) => PRIVILEGED_INTENT_SWITCHES[name] !== undefined);
}
