/**
 * Applies a set of changes to a list held as the writer's sorted columns (writer.ts `SortedList`), in one pass
 * over each column: the incremental publication's step from one version to the next. No object and no map per
 * entry: the columns are typed arrays, and only the changes are sorted. The result is exactly what
 * `sortEntries` gives for the list with the changes applied, so `encodeSortedList` writes the same bytes as a
 * publication that rebuilt the whole list.
 */
import type { SortedList } from './writer.ts';

/** A change to one pattern: its new payload key (payload-table.ts `payloadKey`), or NaN to remove it. */
export interface ExactChange {
  value: number;
  key: number;
}

export interface RangeChange {
  digits: number;
  value: number;
  key: number;
}

export interface MergeResult {
  list: SortedList;
  /** Patterns whose presence or payload differs from `previous` (0: the list is the same). */
  changed: number;
}

/**
 * `previous` with `exact` and `ranges` applied, as version `version`. When one pattern has several changes the
 * last one given wins. A removal of a pattern absent from `previous` changes nothing.
 */
export function mergeSorted(
  previous: SortedList,
  exact: readonly ExactChange[],
  ranges: readonly RangeChange[],
  version: number,
): MergeResult {
  const exactOps = lastPerPattern(
    exact,
    (a, b) => a.value - b.value,
    (a, b) => a.value === b.value,
  );
  const rangeOps = lastPerPattern(
    ranges,
    (a, b) => b.digits - a.digits || a.value - b.value,
    (a, b) => a.digits === b.digits && a.value === b.value,
  );
  let changed = 0;

  const oldValues = previous.exactValues;
  const oldKeys = previous.exactKeys;
  const capacity = oldValues.length + exactOps.length;
  const values = new Float64Array(capacity);
  const keys = new Float64Array(capacity);
  let n = 0;
  let i = 0;
  for (const op of exactOps) {
    // Copy the untouched run before the change in one go.
    let end = i;
    while (end < oldValues.length && (oldValues[end] as number) < op.value) end++;
    values.set(oldValues.subarray(i, end), n);
    keys.set(oldKeys.subarray(i, end), n);
    n += end - i;
    i = end;
    const present = i < oldValues.length && oldValues[i] === op.value;
    const oldKey = present ? (oldKeys[i] as number) : Number.NaN;
    if (present) i++;
    if (Number.isNaN(op.key)) {
      if (present) changed++;
      continue;
    }
    if (!present || oldKey !== op.key) changed++;
    values[n] = op.value;
    keys[n] = op.key;
    n++;
  }
  values.set(oldValues.subarray(i), n);
  keys.set(oldKeys.subarray(i), n);
  n += oldValues.length - i;

  const rangeDigits: number[] = [];
  const rangeValues: number[] = [];
  const rangeKeys: number[] = [];
  let r = 0;
  const oldCount = previous.rangeValues.length;
  const compareOld = (k: number, op: RangeChange) =>
    op.digits - (previous.rangeDigits[k] as number) || (previous.rangeValues[k] as number) - op.value;
  const keepOld = (k: number) => {
    rangeDigits.push(previous.rangeDigits[k] as number);
    rangeValues.push(previous.rangeValues[k] as number);
    rangeKeys.push(previous.rangeKeys[k] as number);
  };
  for (const op of rangeOps) {
    while (r < oldCount && compareOld(r, op) < 0) keepOld(r++);
    const present = r < oldCount && compareOld(r, op) === 0;
    const oldKey = present ? (previous.rangeKeys[r] as number) : Number.NaN;
    if (present) r++;
    if (Number.isNaN(op.key)) {
      if (present) changed++;
      continue;
    }
    if (!present || oldKey !== op.key) changed++;
    rangeDigits.push(op.digits);
    rangeValues.push(op.value);
    rangeKeys.push(op.key);
  }
  while (r < oldCount) keepOld(r++);

  return {
    list: {
      version,
      exactValues: values.subarray(0, n),
      exactKeys: keys.subarray(0, n),
      rangeDigits: Uint8Array.from(rangeDigits),
      rangeValues: Float64Array.from(rangeValues),
      rangeKeys: Float64Array.from(rangeKeys),
    },
    changed,
  };
}

/** The changes in list order, keeping the last one given for each pattern. */
function lastPerPattern<T>(ops: readonly T[], compare: (a: T, b: T) => number, same: (a: T, b: T) => boolean): T[] {
  // Index order breaks ties, so that "last given" survives the (stable) sort.
  const order = ops.map((_, index) => index);
  order.sort((a, b) => compare(ops[a] as T, ops[b] as T) || a - b);
  const out: T[] = [];
  for (let k = 0; k < order.length; k++) {
    const op = ops[order[k] as number] as T;
    const next = k + 1 < order.length ? (ops[order[k + 1] as number] as T) : undefined;
    if (next !== undefined && same(op, next)) continue;
    out.push(op);
  }
  return out;
}
