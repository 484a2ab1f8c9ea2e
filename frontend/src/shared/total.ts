/**
 * How a list's total reads. A list may stop counting at a cap for speed and say so with
 * `total_exact: false`; `total` is then a lower bound and reads as, e.g., "10,000+". A missing flag means
 * the count is exact, as every list was before the flag existed.
 */
export type TotalDisplay = { count: string; atLeast: boolean };

export function totalDisplay(total: number, totalExact?: boolean, locale?: string): TotalDisplay {
  return { count: new Intl.NumberFormat(locale).format(total), atLeast: totalExact === false };
}
