// The part of @11ty/eleventy-plugin-rss arshif uses (the package ships no type declarations).
declare module '@11ty/eleventy-plugin-rss' {
  /** An RFC 3339 date-time for Atom, without milliseconds ("2016-03-25T00:00:00Z"). */
  export function dateToRfc3339(date: Date): string;
}
