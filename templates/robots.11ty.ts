// robots.txt. Crawlers read it only at a host's root, so under a path prefix it is there for whoever
// copies it up.
import { archive } from './_lib/data.ts';
import { robotsTxt } from '../src/site/feeds.ts';

export default class Robots {
  data() {
    return { permalink: 'robots.txt', eleventyExcludeFromCollections: true };
  }
  render() {
    return robotsTxt(archive());
  }
}
