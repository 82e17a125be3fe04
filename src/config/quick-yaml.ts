import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';

/**
 * A quick first read of a config. `yaml`, which keeps the source ranges every problem points
 * at, reads a 10,000-loop file in about a second; js-yaml in a tenth of that. So a file is read
 * with js-yaml, and with `yaml` only when there is something to point at (source.ts).
 *
 * Both must give the same value: plain scalars here resolve as `yaml`'s YAML 1.2 core schema
 * resolves them, with its very patterns (js-yaml's own core schema also reads 0b11 as 3, and
 * 1_000 as a number). What could still differ is left to `yaml`: anchors and aliases (`yaml`
 * limits their expansion), tags, more than one document, and any error.
 */
const core = (tag: string, pattern: RegExp, construct: (text: string) => unknown) =>
  new Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (text: string) => pattern.test(text),
    construct,
  });

const CORE_AS_YAML_READS_IT = FAILSAFE_SCHEMA.extend({
  implicit: [
    core('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
    core('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (text) => text[0] === 't' || text[0] === 'T'),
    // yaml's three: 0o17, 17, 0x1F.
    core('int', /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/, (text) =>
      text[1] === 'o' || text[1] === 'x'
        ? parseInt(text.substring(2), text[1] === 'o' ? 8 : 16)
        : parseInt(text, 10),
    ),
    // yaml's three: .inf and .nan, 1e3, 1.5.
    core(
      'float',
      /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/,
      (text) =>
        text.slice(-3).toLowerCase() === 'nan'
          ? Number.NaN
          : /inf$/i.test(text)
            ? text[0] === '-'
              ? Number.NEGATIVE_INFINITY
              : Number.POSITIVE_INFINITY
            : parseFloat(text),
    ),
  ],
});

/** An anchor (&a) or a tag (!x, !!str) where a node may begin: for `yaml` to read. */
const ANCHOR_OR_TAG = /(?:^|[\s[{,])[&!]/m;

/** The document's value, or undefined when `yaml` should read it (see above; empty too). */
export function quickYaml(text: string): unknown {
  if (ANCHOR_OR_TAG.test(text)) return undefined;
  try {
    return load(text, { schema: CORE_AS_YAML_READS_IT }) ?? undefined;
  } catch {
    return undefined;
  }
}
