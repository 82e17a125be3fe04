/** An item of a test feed; `day` dates it (June 2026), none leaves it undated. */
export interface TestItem {
  id: string;
  title: string;
  day?: number;
}

const link = (id: string) => `https://news.example/${id}`;
const date = (day: number) => new Date(Date.UTC(2026, 5, day, 9));
const xmlText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** RSS 2.0, items in the order given (feeds list the newest first). */
export const rss = (title: string, items: TestItem[]) => ({
  type: 'application/rss+xml; charset=utf-8',
  body: `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${xmlText(title)}</title><link>https://news.example/</link>
${items
  .map(
    (i) =>
      `<item><title>${xmlText(i.title)}</title><link>${link(i.id)}</link><guid isPermaLink="false">${i.id}</guid>${i.day === undefined ? '' : `<pubDate>${date(i.day).toUTCString()}</pubDate>`}</item>`,
  )
  .join('\n')}
</channel></rss>`,
});

export const atom = (title: string, items: TestItem[]) => ({
  type: 'application/atom+xml',
  body: `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${xmlText(title)}</title><id>urn:test</id>
${items
  .map(
    (i) =>
      `<entry><id>urn:${i.id}</id><title>${xmlText(i.title)}</title><link href="${link(i.id)}"/>${i.day === undefined ? '' : `<updated>${date(i.day).toISOString()}</updated>`}<author><name>Ann</name></author></entry>`,
  )
  .join('\n')}
</feed>`,
});

export const jsonFeed = (title: string, items: TestItem[]) => ({
  type: 'application/feed+json',
  body: JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title,
    items: items.map((i) => ({
      id: i.id,
      title: i.title,
      url: link(i.id),
      ...(i.day === undefined ? {} : { date_published: date(i.day).toISOString() }),
    })),
  }),
});

export { link as itemLink };
