// Live totals of an opportunity's product lines, computed as the server does: per line
// quantity × unit_price × (1 − discount/100), rounded half up to the cent; the amount is the sum
// of the rounded subtotals. Exact decimal arithmetic on BigInt, never a float. The server's
// answer stays the truth; these only let the form show what it will be.

/** A decimal string as a scaled integer: `value × 10^scale`, or undefined when it is not one. */
export function toScaled(value: string | null | undefined, scale: number): bigint | undefined {
  const match = /^\s*(\d*)(?:\.(\d*))?\s*$/.exec(value ?? "");
  if (!match) return undefined;
  const whole = match[1] ?? "";
  const fraction = match[2] ?? "";
  if (whole === "" && fraction === "") return undefined;
  if (fraction.length > scale) return undefined;
  return BigInt(`${whole || "0"}${fraction.padEnd(scale, "0")}`);
}

/** Cents as a decimal string with two decimals: 333331n → "3333.31". */
export function centsToString(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const rest = abs % 100n;
  return `${negative ? "-" : ""}${whole}.${rest.toString().padStart(2, "0")}`;
}

/** `numerator / denominator` rounded half up (both not negative). */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

export type LineInput = { quantity?: string | null; unit_price?: string | null; discount_percent?: string | null };

// Scales the API allows: quantity 4 decimals, price 2, discount 2.
const QTY_SCALE = 4;
const PRICE_SCALE = 2;
const DISCOUNT_SCALE = 2;

/**
 * A line's subtotal in cents, or undefined while a field is not a valid number (a blank discount
 * is 0). quantity(×10⁴) × price(cents) × (10000 − discount(×10²)) / (10⁴ × 10⁴), half up.
 */
export function lineSubtotalCents(line: LineInput): bigint | undefined {
  const quantity = toScaled(line.quantity, QTY_SCALE);
  const price = toScaled(line.unit_price, PRICE_SCALE);
  const discountText = line.discount_percent?.trim() ? line.discount_percent : "0";
  const discount = toScaled(discountText, DISCOUNT_SCALE);
  if (quantity === undefined || price === undefined || discount === undefined) return undefined;
  if (discount > 10000n) return undefined;
  const numerator = quantity * price * (10000n - discount);
  return divideHalfUp(numerator, 10n ** BigInt(QTY_SCALE) * 10000n);
}

/** A line's subtotal as a decimal string, or undefined while the line is incomplete. */
export function lineSubtotal(line: LineInput): string | undefined {
  const cents = lineSubtotalCents(line);
  return cents === undefined ? undefined : centsToString(cents);
}

/** The lines' total (Σ rounded subtotals); incomplete lines count as 0 and are reported. */
export function linesTotal(lines: readonly LineInput[]): { total: string; complete: boolean } {
  let sum = 0n;
  let complete = true;
  for (const line of lines) {
    const cents = lineSubtotalCents(line);
    if (cents === undefined) complete = false;
    else sum += cents;
  }
  return { total: centsToString(sum), complete };
}

/** A quantity the API accepts: more than 0, at most four decimals. */
export function isValidQuantity(value: string | null | undefined): boolean {
  const scaled = toScaled(value, QTY_SCALE);
  return scaled !== undefined && scaled > 0n && scaled <= 1_000_000_000n * 10000n;
}

/** A discount the API accepts: 0–100, at most two decimals (blank is 0). */
export function isValidDiscount(value: string | null | undefined): boolean {
  if (!value?.trim()) return true;
  const scaled = toScaled(value, DISCOUNT_SCALE);
  return scaled !== undefined && scaled <= 10000n;
}

/** amount × probability%, half up to the cent, as the server's weighted amount. */
export function weightedAmount(amount: string, probability: number): string | undefined {
  const cents = toScaled(amount, PRICE_SCALE);
  if (cents === undefined || !Number.isInteger(probability) || probability < 0) return undefined;
  return centsToString(divideHalfUp(cents * BigInt(probability), 100n));
}
