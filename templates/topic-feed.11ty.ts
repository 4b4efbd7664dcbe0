// One Atom feed per topic, beside the topic's pages.
import { archive, chunked, perItem, type PageData } from './_lib/data.ts';
import { atomFeed } from '../src/site/feeds.ts';
import { urls } from '../src/site/urls.ts';
import type { Archive } from '../src/site/archive.ts';

type TopicList = Archive['topics'][number];

export default chunked(class TopicFeed {
  data() {
    const data = perItem(archive().topics, (t: TopicList) => urls.topic(t.topic.slug));
    // perItem makes folder pages (…/index.html); a feed is a file.
    return { ...data, permalink: (d: { p: TopicList }) => urls.topicFeed(d.p.topic.slug).slice(1) };
  }
  render(d: PageData<TopicList>) {
    const a = archive();
    const t = d.p;
    return atomFeed({ archive: a, url: d.page.url, page: urls.topic(t.topic.slug), title: `${t.topic.name} — ${a.settings.title}`, items: t.articles });
  }
});
