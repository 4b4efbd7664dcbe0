// Eleventy 3, configured in TypeScript and loaded through tsx. Eleventy is only the renderer: all
// cleaning happened before; pages are JavaScript (TypeScript) templates that read one precomputed archive
// (src/site/archive.ts), so no template engine ever runs over article text and no page re-sorts collections.
import type { UserConfig } from './src/site/eleventy-types.ts';

export default function (eleventyConfig: UserConfig) {
  eleventyConfig.addExtension('11ty.ts', { key: '11ty.js' });
  eleventyConfig.setTemplateFormats(['11ty.ts']);
  // Markdown is rendered by the article template with raw HTML disabled; Eleventy never reads content/.
  eleventyConfig.setQuietMode(true);
  eleventyConfig.ignores.add('templates/_lib/**');
  return {
    // The output folder is given by the caller (arshif build --out), Eleventy's default is _site/.
    dir: { input: 'templates', includes: '_includes', data: '_data' },
    markdownTemplateEngine: false,
    htmlTemplateEngine: false,
  };
}
