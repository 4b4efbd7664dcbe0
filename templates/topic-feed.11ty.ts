// One Atom feed per topic, beside the topic's pages.
import { archive, chunked, perItem, type PageData } from './_lib/data.ts';
import { atomDate, atomFeed, newestDated } from '../src/site/feeds.ts';
import { urls } from '../src/site/urls.ts';
import type { Topic } from '../src/enrich/topics.ts';
import type { SiteArticle } from '../src/site/archive.ts';

/**
 * What a topic's feed shows: its newest dated articles only (the page's signature, so an article added in
 * the past does not rewrite the feed), whole (the hashes of their files: an article in a list is only its
 * teaser signature), and the archive's newest date, the feed's <updated> when it has none.
 */
type TopicFeedItem = { topic: Topic; items: SiteArticle[]; files: string[]; newest?: string };

export default chunked(class TopicFeed {
  data() {
    const a = archive();
    const newest = a.latest.find((x) => atomDate(x.meta.date))?.meta.date;
    const feeds: TopicFeedItem[] = a.topics.map((t) => {
      const items = newestDated(t.articles);
      return { topic: t.topic, items, files: items.map((x) => x.hash), newest: items.length ? undefined : newest };
    });
    const data = perItem(feeds, (t: TopicFeedItem) => urls.topic(t.topic.slug));
    // perItem makes folder pages (…/index.html); a feed is a file.
    return { ...data, permalink: (d: { p: TopicFeedItem }) => urls.topicFeed(d.p.topic.slug).slice(1) };
  }
  render(d: PageData<TopicFeedItem>) {
    const a = archive();
    const t = d.p;
    return atomFeed({ archive: a, url: d.page.url, page: urls.topic(t.topic.slug), title: `${t.topic.name} — ${a.settings.title}`, items: t.items });
  }
});
