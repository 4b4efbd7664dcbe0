// The archive's Atom feed: its newest dated articles (src/site/feeds.ts says how links and ids are made).
// One page of a chunked template, so that a build renders it only when those articles changed.
import { archive, chunked, perItem, type PageData } from './_lib/data.ts';
import { atomFeed, newestDated } from '../src/site/feeds.ts';
import { urls } from '../src/site/urls.ts';
import type { SiteArticle } from '../src/site/archive.ts';

/**
 * What the feed shows (and its signature): the newest dated articles, whole (body, topics…), so the hashes
 * of their files too (an article in a list is only its teaser signature).
 */
type FeedItem = { items: SiteArticle[]; files: string[] };

export default chunked(class Feed {
  data() {
    const items = newestDated(archive().latest);
    // perItem makes folder pages (…/index.html); a feed is a file.
    return { ...perItem<FeedItem>([{ items, files: items.map((x) => x.hash) }], () => urls.feed()), permalink: () => urls.feed().slice(1) };
  }
  render(d: PageData<FeedItem>) {
    const a = archive();
    return atomFeed({ archive: a, url: d.page.url, page: urls.latest(), title: a.settings.title, items: d.p.items });
  }
});
