// The pages of each topic's list: its front page (newest articles and the index of its years and months),
// a page per year or per month, and its undated articles (src/site/archive.ts, listParts, says why lists
// are cut by the calendar).
import { archive, chunked, perItem, type PageData } from './_lib/data.ts';
import { layout, listPartPage } from './_lib/layout.ts';
import { listParts, type ListPart } from '../src/site/archive.ts';
import { urls } from '../src/site/urls.ts';
import type { Topic } from '../src/enrich/topics.ts';

export default chunked(class TopicPage {
  data() {
    const a = archive();
    return perItem(
      a.topics.flatMap((t) => listParts(t.topic, t.articles, a.settings.page_size)),
      (p: ListPart<Topic>) => urls.topic(p.key.slug, p),
    );
  }
  render(d: PageData<ListPart<Topic>>) {
    const a = archive();
    const url = d.page.url;
    const { title, body } = listPartPage(d.p, d.p.key.name, url, (part) => urls.topic(d.p.key.slug, part), a);
    return layout({ url, title, archive: a, body });
  }
});
