// Readable Arabic slugs for file names: NFC, marks and tatweel removed, anything but letters and digits
// becomes "-", capped so that slug + id stays far below ext4's 255-byte name limit (an Arabic letter is two
// bytes). Eleventy's slugify transliterates Arabic lossily (shared/notes/arabic.md §5), so it is not used.
import { foldDigits, stripMarks } from './normalize.ts';

/** A slug of at most `maxWords` words and 60 characters, or '' when the text has no letters or digits. */
export function arabicSlug(text: string, maxWords = 8): string {
  const words = foldDigits(stripMarks(text.normalize('NFC')))
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, maxWords);
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > 60) break;
    slug = next;
  }
  return slug.normalize('NFC');
}
