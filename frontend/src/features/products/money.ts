// Money travels as a decimal string ("12.50") from the API to the input and back, never as a
// JavaScript number: a float cannot hold every cent exactly. These helpers only ever look at
// the digits.

/** A price the API accepts: not negative, at most two decimals, optional surrounding blanks. */
const PRICE = /^\d+(\.\d{1,2})?$/;

/** The currencies offered in forms; CNY is the API's default. */
export const CURRENCIES = ["CNY", "USD", "EUR", "HKD", "JPY", "GBP"] as const;
export const DEFAULT_CURRENCY = "CNY";

export type PriceProblem = "required" | "format" | "negative" | "decimals";

/** Why a typed price is not acceptable, or undefined when it is. */
export function priceProblem(input: string | null | undefined): PriceProblem | undefined {
  const value = (input ?? "").trim();
  if (value === "") return "required";
  if (PRICE.test(value)) return undefined;
  if (/^-\s*\d+(\.\d*)?$/.test(value)) return "negative";
  if (/^\d+\.\d{3,}$/.test(value)) return "decimals";
  return "format";
}

export function isValidPrice(input: string | null | undefined): boolean {
  return priceProblem(input) === undefined;
}

/**
 * The price as the API should receive it: trimmed, leading zeros dropped ("007.5" → "7.5"), a
 * trailing dot never occurs because such input is refused. Call only on a valid price.
 */
export function normalizePrice(input: string): string {
  const value = input.trim();
  const [whole = "0", fraction] = value.split(".");
  const digits = whole.replace(/^0+(?=\d)/, "");
  return fraction === undefined ? digits : `${digits}.${fraction}`;
}

/** Splits a decimal string into sign, integer digits and exactly two fraction digits. */
function parts(value: string): { negative: boolean; whole: string; cents: string } | undefined {
  const match = /^\s*(-?)(\d+)(?:\.(\d*))?\s*$/.exec(value);
  if (!match) return undefined;
  const [, sign = "", wholeRaw = "0", fraction = ""] = match;
  const whole = wholeRaw.replace(/^0+(?=\d)/, "");
  // Extra digits beyond cents are cut, not rounded: the API never sends them.
  const cents = `${fraction}00`.slice(0, 2);
  return { negative: sign === "-" && /[1-9]/.test(whole + cents), whole, cents };
}

/** Compares two decimal strings exactly: negative, zero or positive like a sort comparator. */
export function compareDecimal(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  if (!x || !y) return 0;
  const sign = (p: { negative: boolean }) => (p.negative ? -1 : 1);
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  const magnitude =
    x.whole.length !== y.whole.length
      ? x.whole.length - y.whole.length
      : x.whole !== y.whole
        ? (x.whole < y.whole ? -1 : 1)
        : x.cents === y.cents
          ? 0
          : x.cents < y.cents
            ? -1
            : 1;
  return Math.sign(magnitude) * sign(x);
}

/** Thousands separators as the locale writes them, applied to a digit string. */
function groupDigits(whole: string, locale: string | undefined): string {
  const separator = new Intl.NumberFormat(locale).formatToParts(1000).find((p) => p.type === "group")?.value ?? ",";
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** Where the locale puts the currency symbol for `currency`, and the symbol itself. */
function currencyAffix(currency: string, locale: string | undefined): { symbol: string; before: boolean; space: boolean } {
  try {
    const formatted = new Intl.NumberFormat(locale, { style: "currency", currency }).formatToParts(1);
    const index = formatted.findIndex((p) => p.type === "currency");
    const integer = formatted.findIndex((p) => p.type === "integer");
    const symbol = formatted[index]?.value ?? currency;
    const space = formatted.some((p) => p.type === "literal" && /\s/.test(p.value));
    return { symbol, before: index < integer, space };
  } catch {
    // An unknown currency code: show the code itself.
    return { symbol: currency, before: true, space: true };
  }
}

/**
 * A decimal string as money in the locale, e.g. "1234.5" + "CNY" → "¥1,234.50" (zh-CN), without
 * going through a float. Text that is not a decimal comes back unchanged.
 */
export function formatMoney(price: string | null | undefined, currency: string | null | undefined, locale?: string): string {
  if (price === null || price === undefined || price === "") return "";
  const p = parts(price);
  if (!p) return price;
  const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((x) => x.type === "decimal")?.value ?? ".";
  const amount = `${groupDigits(p.whole, locale)}${decimal}${p.cents}`;
  const sign = p.negative ? "-" : "";
  if (!currency) return `${sign}${amount}`;
  const affix = currencyAffix(currency, locale);
  const gap = affix.space ? "\u00a0" : "";
  return affix.before ? `${sign}${affix.symbol}${gap}${amount}` : `${sign}${amount}${gap}${affix.symbol}`;
}
