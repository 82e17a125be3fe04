import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/actions/feed-parse.js';

const fixture = (name: string) =>
  readFile(new URL(`../../fixtures/feeds/${name}`, import.meta.url), 'utf8');
const at = (iso: string) => Date.parse(iso);

describe('parseFeed reads the three formats into one shape', () => {
  it('RSS 2.0: guid else link, CDATA and HTML entities, dc:creator, RFC 822 dates', async () => {
    const feed = await parseFeed(await fixture('rss.xml'), 'https://example.com/feed.xml');
    expect(feed).toEqual({
      format: 'rss',
      title: 'Alpha & Co News', // the no-break space is white space too
      items: [
        {
          id: 'post-2',
          title: 'Release 2.0 — <fast> & small',
          link: 'https://example.com/posts/2',
          author: 'Alice',
          published: at('2026-06-10T04:00:00Z'),
        },
        {
          // A permalink guid is the link when there is no <link>.
          id: 'https://example.com/posts/1',
          title: 'Release 1.0',
          link: 'https://example.com/posts/1',
          author: 'bob@example.com (Bob)',
          published: at('2026-06-09T02:00:00Z'),
        },
        {
          id: 'https://example.com/posts/0',
          title: 'Relative link, no guid, no date',
          link: 'https://example.com/posts/0',
          author: '',
          published: undefined,
        },
      ],
    });
  });

  it('Atom: the alternate link, html and xhtml titles, the feed author for entries without one', async () => {
    const feed = await parseFeed(await fixture('atom.xml'), 'https://example.org/feed.atom');
    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('Beta Blog & more');
    expect(feed.items).toEqual([
      {
        id: 'urn:uuid:2',
        title: 'Second',
        link: 'https://example.org/2',
        author: 'Dave',
        published: at('2026-06-10T08:00:00Z'),
      },
      {
        id: 'urn:uuid:1',
        title: 'First post',
        link: 'https://example.org/entries/1',
        author: 'Carol',
        published: at('2026-06-09T18:30:02Z'), // no <published>: <updated>
      },
    ]);
  });

  it('Atom with a prefix on its elements', async () => {
    const feed = await parseFeed(
      `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>P</a:title>
        <a:entry><a:id>x</a:id><a:title>X</a:title><a:link href="https://p.example/x"/></a:entry>
      </a:feed>`,
      'https://p.example/',
    );
    expect(feed).toMatchObject({ title: 'P', items: [{ id: 'x', link: 'https://p.example/x' }] });
  });

  it('JSON Feed 1.1 and 1.0: numeric ids, external_url, authors and author', async () => {
    const feed = await parseFeed(await fixture('feed.json'), 'https://example.net/feed.json');
    expect(feed).toEqual({
      format: 'json',
      title: 'Gamma Feed',
      items: [
        {
          id: '2',
          title: 'Two',
          link: 'https://example.net/2',
          author: 'Frank',
          published: at('2026-06-10T08:00:00Z'),
        },
        {
          id: '1',
          title: '',
          link: 'https://elsewhere.example/1',
          author: 'Erin',
          published: at('2026-06-09T08:00:00Z'),
        },
      ],
    });
    const old = await parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1',
        title: 'Old',
        author: { name: 'Zed' },
        items: [{ id: 'a', url: 'https://o.example/a', title: 'A' }],
      }),
      'https://o.example/feed.json',
    );
    expect(old.items).toEqual([
      { id: 'a', title: 'A', link: 'https://o.example/a', author: 'Zed', published: undefined },
    ]);
  });

  it('RSS 1.0 (RDF) keeps its items beside the channel', async () => {
    const feed = await parseFeed(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
        <channel rdf:about="https://r.example/"><title>R</title></channel>
        <item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link></item>
      </rdf:RDF>`,
      'https://r.example/rss',
    );
    expect(feed).toMatchObject({
      format: 'rss',
      title: 'R',
      items: [{ id: 'https://r.example/1' }],
    });
  });
});

describe('parseFeed refuses what is not a feed, as feed_invalid', () => {
  const url = 'https://example.com/feed';
  it.each([
    [
      '<rss><channel><item></channel></rss>',
      'is not well-formed XML: Missing end tag for element item (line 1, column 21)',
    ],
    [
      '<html><body>Hello</body></html>',
      'is neither RSS, Atom nor JSON Feed: its root element is <html>',
    ],
    ['{"version": "https://jsonfeed.org/version/1.1", "items": [', 'is not valid JSON'],
    ['{"title": "an API, not a feed"}', 'is JSON but not a JSON Feed (no "version" and "items")'],
    ['', 'is not well-formed XML'],
  ])('%j', async (text, why) => {
    await expect(parseFeed(text, url)).rejects.toMatchObject({
      code: 'feed_invalid',
      message: expect.stringContaining(`The feed at ${url} ${why}`),
    });
  });
});
