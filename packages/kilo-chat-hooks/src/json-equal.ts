/**
 * @internal Structural equality of JSON-shaped values (plain objects, arrays,
 * strings, numbers, booleans, null; `undefined` object members count as
 * absent, as in `JSON.stringify`). Used to tell whether a cached row still is
 * the row a mutation wrote.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) return false;
  if (aArray) {
    const left = a as unknown[];
    const right = b as unknown[];
    if (left.length !== right.length) return false;
    for (let i = 0; i < left.length; i++) if (!jsonEqual(left[i], right[i])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let leftCount = 0;
  for (const key in left) {
    if (!Object.prototype.hasOwnProperty.call(left, key) || left[key] === undefined) continue;
    leftCount++;
    if (!Object.prototype.hasOwnProperty.call(right, key) || !jsonEqual(left[key], right[key])) return false;
  }
  let rightCount = 0;
  for (const key in right) {
    if (Object.prototype.hasOwnProperty.call(right, key) && right[key] !== undefined) rightCount++;
  }
  return leftCount === rightCount;
}
