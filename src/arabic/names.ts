// Names (and a few everyday words) that clitic stripping and light stemming must leave whole.
// The proclitics و ف ب ك ل and the article ال are also the first letters of many names (بيروت، لبنان، فلسطين،
// كابول، واشنطن، ليبيا، بوتين، لافروف), and the suffixes ين ات ون ية ة ان ي are also their last letters
// (برلين، بكين، فلسطين، بوتين، الكويت، تونس). Guard forms are match keys without the article: a word is first
// read as «clitics + a guarded form» (وبيروت → بيروت, للبنان → لبنان, بالكويت → كويت, فباريس → باريس) and only
// when no such reading exists do the generic rules cut it.
// The taxonomy adds every token of every topic name and alias (src/enrich/topics.ts → nameGuard); this hand
// list covers frequent names that the taxonomy does not hold, and is what callers without a taxonomy use.
import { matchKey } from './normalize.ts';

const NAMES = `
بيروت لبنان فلسطين ليبيا كابول واشنطن فيينا باريس لندن بكين برلين بروكسل بغداد بنغازي بيلاروسيا بلغاريا بولندا
بلجيكا البرتغال البرازيل بريطانيا باكستان بنغلاديش بورما بوروندي بنين بوتسوانا بيرو بوليفيا بنما بودابست بوخارست
بلغراد براغ برن بون بوسطن بيت لحم بيت لاهيا بئر السبع بانياس بعلبك بنت جبيل جبيل بشري البقاع
لاتفيا ليتوانيا ليبيريا لوكسمبورغ لشبونة لاهاي لوزان لاغوس لوس أنجلوس لاوس لواندا ليما
كندا كوبا كوريا كولومبيا كينيا كازاخستان كرواتيا كوسوفو كمبوديا كاراكاس كانبيرا كوبنهاغن كييف كركوك كسلا كربلاء
كفرنبل كوباني
فرنسا فنلندا فنزويلا فيتنام فلسطينيون فيجي فاس
وارسو ويلز ولينغتون وهران وجدة واغادوغو
قطر تونس الكويت الجزائر عمان مسقط صنعاء عدن الرياض جدة القاهرة غزة حلب حمص حماة تدمر دمشق إدلب القامشلي
موسكو أنقرة طهران أربيل الموصل البصرة النجف الخليل نابلس جنين رام الله
بوتين بايدن بلينكن بوغدانوف بيسكوف بيدرسن لافروف لامبرتو ماكرون ميركل شولتس بلير بوش كلينتون كيري
بن سلمان بن زايد بن حمد بن راشد أبو مازن بان كي مون بشار الأسد ولي العهد
`;

// Everyday words whose first letter is also a proclitic (the generic rules would cut وزير → زير, وكالة → كالة,
// بيان → يان, لجنة → جنة); kept here so the clusters and phrase counts see them whole.
const WORDS = `
وزير وزيرة وزراء وزارة والي ولاية ولايات ولي وكالة وكالات وطن وطني وطنية وفد وفود وقف وقت وضع وسائل وثيقة وحدة
وحدات ولادة وصول وجود
بيان بيانات بلاد بلد بلدة بلدات بلدية برلمان بنك بنوك بحر بعثة بحث بداية بطولة بطل
لجنة لجان لقاء لقاءات لائحة
كتاب كتائب كلمة كبير كبيرة كامل كافة
فريق فصائل فوز فترة فكرة فيلم
`;

/** The hand-written guard as match keys (article-less forms; multi-word names give one entry per word). */
export const NAME_GUARD: ReadonlySet<string> = guardForms(`${NAMES}\n${WORDS}`.split(/\s+/));

/** Guard forms of some words: match keys, the article removed, at least 3 letters (2-letter forms are never cut anyway). */
export function guardForms(words: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const w of words) {
    for (const key of matchKey(w).split(/[^\p{L}\p{N}]+/u)) {
      const bare = key.startsWith('ال') && key.length >= 5 ? key.slice(2) : key;
      if (bare.length >= 3) out.add(bare);
    }
  }
  return out;
}

/** The hand list plus more forms (e.g. every token of a taxonomy's names and aliases). */
export function nameGuard(extra: Iterable<string> = []): Set<string> {
  const guard = new Set(NAME_GUARD);
  for (const f of guardForms(extra)) guard.add(f);
  return guard;
}
