import { didYouMean } from '../config/did-you-mean.js';
import { findPlaceholder, type Placeholder, placeholdersFor } from './placeholders.js';

/**
 * `{placeholder}` templates of SPEC §4, e.g. "Members: {guild.memberCount}". `{{` and `}}` are
 * literal braces. `${NAME}` is literal text too: in a config it is what the `$${NAME}` escape
 * leaves, or an unset environment variable that the loader reports already. Parsing and checking
 * are pure, so a config is checked at load time, before anything connects; values are looked
 * up only for the placeholders a template uses. Which placeholders there are is
 * src/actions/placeholders.ts's table.
 */

/** Where a template is used: guild placeholders only where the action has a guild. */
export type TemplateScope = 'guild' | 'global';

type Part = { text: string } | { placeholder: string };

const TOKEN = /\$\{[A-Za-z_][A-Za-z0-9_]*\}|\{\{|\}\}|\{([^{}]*)\}/g;

function parse(template: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of template.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ text: template.slice(last, index) });
    if (match[0].startsWith('$')) parts.push({ text: match[0] });
    else if (match[1] === undefined) parts.push({ text: match[0][0] ?? '' });
    else parts.push({ placeholder: match[1].trim() });
    last = index + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

/** The placeholders a template uses. */
export function placeholdersIn(template: string): string[] {
  return parse(template).flatMap((part) => ('placeholder' in part ? [part.placeholder] : []));
}

/**
 * What is wrong with a template in `scope`, one message per unknown placeholder. `own` are the
 * placeholders of this one option (post-feed's `{item.title}`): valid there and nowhere else.
 */
export function templateProblems(
  template: string,
  scope: TemplateScope,
  own: readonly string[] = [],
): string[] {
  const known = [...placeholdersFor(scope), ...own];
  return placeholdersIn(template)
    .filter((name) => !known.includes(name))
    .map((name) => {
      const guess = didYouMean(name, known);
      const elsewhere = scope === 'global' && findPlaceholder(name)?.scope === 'guild';
      const hint = elsewhere
        ? ' (this action has no guild)'
        : guess
          ? `: did you mean {${guess}}?`
          : '';
      return `unknown placeholder {${name}}${hint}; expected one of ${known.map((p) => `{${p}}`).join(', ')}`;
    });
}

/**
 * Where placeholder values come from; functions so that nothing unused is fetched. `Own` names
 * an option's own placeholders, which its action adds to the usual ones.
 */
export type TemplateValues<Own extends string = never> = Partial<
  Record<Placeholder | Own, () => string | number | Promise<string | number>>
>;

export async function renderTemplate<Own extends string = never>(
  template: string,
  values: TemplateValues<Own>,
): Promise<string> {
  const parts = await Promise.all(
    parse(template).map(async (part) => {
      if ('text' in part) return part.text;
      const value = values[part.placeholder as Placeholder | Own];
      return value === undefined ? `{${part.placeholder}}` : String(await value());
    }),
  );
  return parts.join('');
}
