// One paginated page per topic.
import { archive, chunked, perItem, type PageData } from './_lib/data.ts';
import { articleList, layout, pager } from './_lib/layout.ts';
import { bidi } from '../src/site/format.ts';
import { paginate, type ListPage } from '../src/site/archive.ts';
import { urls } from '../src/site/urls.ts';
import type { Topic } from '../src/enrich/topics.ts';

export default chunked(class TopicPage {
  data() {
    const a = archive();
    return perItem(
      a.topics.flatMap((t) => paginate(t.topic, t.articles, a.settings.page_size)),
      (p: ListPage<Topic>) => urls.topic(p.key.slug, p.page),
    );
  }
  render(d: PageData<ListPage<Topic>>) {
    const a = archive();
    const url = d.page.url;
    const body = `<h1>${bidi(d.p.key.name)}</h1>\n${articleList(d.p.items, url, a)}\n${pager(d.p, url, (n) => urls.topic(d.p.key.slug, n), a)}`;
    return layout({ url, title: d.p.key.name, archive: a, body });
  }
});
