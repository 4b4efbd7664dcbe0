// The archive's Atom feed: its newest dated articles (src/site/feeds.ts says how links and ids are made).
import { archive, type PageData } from './_lib/data.ts';
import { atomFeed } from '../src/site/feeds.ts';
import { urls } from '../src/site/urls.ts';

export default class Feed {
  data() {
    return { permalink: 'feed.xml', eleventyExcludeFromCollections: true };
  }
  render(d: PageData) {
    const a = archive();
    return atomFeed({ archive: a, url: d.page.url, page: urls.latest(), title: a.settings.title, items: a.latest });
  }
}
