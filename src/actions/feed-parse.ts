import type { XmlDocument, XmlElement } from '@rgrove/parse-xml';
import { ActionError } from '../errors.js';
import { htmlEntity, plainText } from './feed-text.js';

/** One entry of a feed, whatever its format. */
export interface FeedItem {
  /** What the item is known by from run to run: its guid or id, else its link, else its title. */
  id: string;
  title: string;
  link: string;
  author: string;
  /** Epoch ms, when the feed dates the item (published, else updated). */
  published?: number;
}

export interface Feed {
  format: 'rss' | 'atom' | 'json';
  title: string;
  /** In the order the file lists them. */
  items: FeedItem[];
}

const invalid = (url: string, why: string) =>
  new ActionError(
    'feed_invalid',
    `The feed at ${url} ${why}.`,
    'Check that the URL is the feed itself (RSS 2.0, Atom or JSON Feed), not a web page.',
  );

const dateOf = (text: string | undefined) => {
  const ms = text ? Date.parse(text) : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
};

/** An item without guid, id, link or title cannot be told apart from the next: it is left out. */
function item(fields: Omit<FeedItem, 'id'> & { guid: string }): FeedItem[] {
  const { guid, ...rest } = fields;
  const id = guid || rest.link || rest.title;
  return id ? [{ id, ...rest }] : [];
}

/**
 * Reads an RSS 2.0 (or 1.0), Atom or JSON Feed document into one shape. Links are made
 * absolute against `url`, titles are plain one-line text. A document that is none of these, or
 * not well-formed, is a `feed_invalid` ActionError: that run fails, the loop goes on.
 */
export async function parseFeed(text: string, url: string): Promise<Feed> {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('{')) return jsonFeed(body, url);
  // Loaded when a feed is read, not when discloop starts.
  const { parseXml, XmlError } = await import('@rgrove/parse-xml');
  let document: XmlDocument;
  try {
    document = parseXml(body, {
      resolveUndefinedEntity: htmlEntity,
      ignoreUndefinedEntities: true,
    });
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    throw invalid(url, `is not well-formed XML: ${error.message.split('\n')[0]}`);
  }
  const root = document.root;
  if (root?.name === 'rss' || root?.name === 'rdf:RDF') return rssFeed(root, url);
  if (root && localName(root.name) === 'feed') return atomFeed(root, url);
  throw invalid(url, `is neither RSS, Atom nor JSON Feed: its root element is <${root?.name}>`);
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

const elements = (parent: XmlElement | undefined, name: string): XmlElement[] =>
  (parent?.children ?? []).filter(
    (node): node is XmlElement => node.type === 'element' && (node as XmlElement).name === name,
  );
const first = (parent: XmlElement | undefined, name: string) => elements(parent, name)[0];
const textOf = (element: XmlElement | undefined) => element?.text.trim() ?? '';

const absolute = (link: string, base: string) => {
  try {
    return link ? new URL(link, base).href : '';
  } catch {
    return link;
  }
};

/** RSS 2.0: channel > item; RSS 1.0 (RDF) keeps its items beside the channel. */
function rssFeed(root: XmlElement, url: string): Feed {
  const channel = first(root, 'channel');
  const entries = elements(root.name === 'rss' ? channel : root, 'item');
  return {
    format: 'rss',
    title: plainText(textOf(first(channel, 'title'))),
    items: entries.flatMap((entry) => {
      const guid = first(entry, 'guid');
      const permalink = guid && guid.attributes.isPermaLink !== 'false' ? textOf(guid) : '';
      const link = textOf(first(entry, 'link')) || (/^https?:/.test(permalink) ? permalink : '');
      return item({
        guid: textOf(guid) || (entry.attributes['rdf:about'] ?? ''),
        title: plainText(textOf(first(entry, 'title'))),
        link: absolute(link, url),
        author: plainText(textOf(first(entry, 'author')) || textOf(first(entry, 'dc:creator'))),
        published: dateOf(textOf(first(entry, 'pubDate')) || textOf(first(entry, 'dc:date'))),
      });
    }),
  };
}

/** Atom, with or without a prefix on its elements (`<feed>` or `<atom:feed>`). */
function atomFeed(root: XmlElement, url: string): Feed {
  const prefix = root.name.slice(0, root.name.indexOf(':') + 1);
  const el = (parent: XmlElement | undefined, name: string) => first(parent, prefix + name);
  const textConstruct = (element: XmlElement | undefined) =>
    element?.attributes.type === 'html'
      ? plainText(element.text, true)
      : plainText(element?.text ?? '');
  const authorOf = (parent: XmlElement) => textOf(el(el(parent, 'author'), 'name'));
  const feedAuthor = authorOf(root);
  const linkOf = (entry: XmlElement) => {
    const links = elements(entry, `${prefix}link`);
    const alternate = links.find((l) => (l.attributes.rel ?? 'alternate') === 'alternate');
    return (alternate ?? links[0])?.attributes.href ?? '';
  };
  return {
    format: 'atom',
    title: textConstruct(el(root, 'title')),
    items: elements(root, `${prefix}entry`).flatMap((entry) =>
      item({
        guid: textOf(el(entry, 'id')),
        title: textConstruct(el(entry, 'title')),
        link: absolute(linkOf(entry), url),
        author: plainText(authorOf(entry) || feedAuthor),
        published: dateOf(textOf(el(entry, 'published')) || textOf(el(entry, 'updated'))),
      }),
    ),
  };
}

const string = (value: unknown) => (typeof value === 'string' ? value : '');
const nameOf = (authors: unknown, author: unknown) =>
  string((Array.isArray(authors) ? authors[0] : author)?.name);

/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). */
function jsonFeed(body: string, url: string): Feed {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw invalid(url, `is not valid JSON: ${(error as Error).message}`);
  }
  if (
    !string(data.version).startsWith('https://jsonfeed.org/version/') ||
    !Array.isArray(data.items)
  )
    throw invalid(url, 'is JSON but not a JSON Feed (no "version" and "items")');
  const feedAuthor = nameOf(data.authors, data.author);
  return {
    format: 'json',
    title: plainText(string(data.title)),
    items: (data.items as Record<string, unknown>[]).flatMap((entry) =>
      entry && typeof entry === 'object'
        ? item({
            guid: entry.id === undefined || entry.id === null ? '' : String(entry.id),
            title: plainText(string(entry.title)),
            link: absolute(string(entry.url) || string(entry.external_url), url),
            author: plainText(nameOf(entry.authors, entry.author) || feedAuthor),
            published: dateOf(string(entry.date_published) || string(entry.date_modified)),
          })
        : [],
    ),
  };
}
