// Binary search over sorted strings: the policy stage looks paths up among thousands of grants
// and modules, where a scan per lookup was most of its time on large trees.

/** The index of the first entry of sorted `list` not below `text` (`list.length` when none is). */
export function lowerBound(list: readonly string[], text: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < text) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
