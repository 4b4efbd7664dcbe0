// Growing typed arrays: the flat integer tables of template learning and the search index append past
// their length now and then.

/** A copy of `a` with room for at least `need` elements, and at least twice as long (appends stay linear). */
export function grown(a: Int32Array, need: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}
