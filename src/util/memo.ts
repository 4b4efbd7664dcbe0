// A bounded memo for string-keyed pure functions. Cleaning, topic matching and list pages call the same few
// functions on the same lines and dates over and over (a site repeats its menus on every page); a plain Map
// that is emptied when it grows too big keeps the gain without letting a big archive's memory grow with it.

/** Memoises `fn` by its string argument; at most `max` entries are kept, and keys longer than `maxKey` never. */
export function memoize<R>(fn: (key: string) => R, max: number, maxKey = Infinity): (key: string) => R {
  const memo = new Map<string, R>();
  return (key: string): R => {
    if (key.length > maxKey) return fn(key); // never kept, so not looked up (hashing a long key costs too)
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const value = fn(key);
    if (memo.size >= max) memo.clear();
    memo.set(key, value);
    return value;
  };
}
