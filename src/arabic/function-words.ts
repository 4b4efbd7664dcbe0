// Arabic function words: prepositions, conjunctions, particles, pronouns, relatives, demonstratives and
// auxiliaries. Written for block classification: prose is dense in them, menus and headline lists are not.
// jusText's Arabic stoplist is a frequency list that also holds content words (shared/data), which is why
// it barely separates menus from prose; this list is closed-class words only.
import { matchKey } from './normalize.ts';

const WORDS = `
في من على إلى عن مع حتى منذ خلال بين عند لدى نحو حول دون ضد عبر بعد قبل أمام خلف فوق تحت وراء لدى إزاء تجاه
بسبب رغم حين حيث بينما عندما كلما لما لو لولا إلا سوى غير مثل ضمن وفق وفقا طبقا إثر عقب جراء
و ف ثم أو أم بل لكن لكنه لكنها لكنهم إذ إذا إن أن أنه أنها أنهم إنه إنها إنهم كما لأن لأنه كي لكي ليس ليست
هو هي هم هن هما أنا نحن أنت أنتم أنتن إياه إياها
الذي التي الذين اللذين اللتين اللذان اللتان اللواتي اللاتي ما ماذا متى أين كيف لماذا هل
هذا هذه ذلك تلك هؤلاء أولئك هنا هناك هنالك هذان هاتان ذاك
قد لقد لم لن لا سوف كل بعض أي أية أيضا أيضاً فقط جدا ثمة كذلك كلا كلتا نفس ذات
كان كانت كانوا كنا يكون تكون يكونوا أصبح أصبحت بات باتت ظل ظلت مازال مازالت يزال تزال
فيه فيها فيهم منه منها منهم عليه عليها عليهم إليه إليها إليهم عنه عنها عنهم معه معها معهم له لها لهم به بها بهم
وفي ومن وعلى وإلى وعن ومع وهو وهي وهم وقد ولم ولن ولا وأن وإن وكان وكانت والتي والذي وذلك وهذا وهذه وكما وبين وبعد وقبل
فإن فقد فلا فهو فهي فيما بما مما عما إنما بأن بأنه بأنها لأنها كأن كأنه بعدما قبلما وفيما حتى إنّ أنّ
`;

/** Function words as match keys (normalised the same way as the text they are compared with). */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  WORDS.split(/\s+/).filter(Boolean).map((w) => matchKey(w)),
);

/** The longest function word: a longer token (plus a conjunction) is none. */
const LONGEST = Math.max(...[...FUNCTION_WORDS].map((w) => w.length));

/** True when a match-keyed token is a function word, alone or behind a conjunction و/ف. */
export function isFunctionWord(token: string): boolean {
  if (token.length > LONGEST + 1) return false;
  if (FUNCTION_WORDS.has(token)) return true;
  if (token.length > 2 && (token[0] === 'و' || token[0] === 'ف')) return FUNCTION_WORDS.has(token.slice(1));
  return false;
}
