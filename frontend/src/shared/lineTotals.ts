// Live totals of priced lines (an opportunity's, a quote's, an order's), computed as the server
// does: per line quantity × unit_price × (1 − discount/100), rounded half up to the cent (from the
// exact product, not from a rounded gross); the tax is that subtotal × rate/100, half up to the
// cent; the line's total is subtotal + tax. A document's subtotal is the sum of the gross amounts
// (quantity × unit_price, half up) before discount. Exact decimal arithmetic on BigInt (cents and
// basis points), never a float. The server's answer stays the truth; these only let the form show
// what it will be.

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
export type TaxedLineInput = LineInput & { tax_rate_percent?: string | null };

// Scales the API allows: quantity 4 decimals, price 2, discount and tax rate 2.
const QTY_SCALE = 4;
const PRICE_SCALE = 2;
const DISCOUNT_SCALE = 2;
const RATE_SCALE = 2;

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

/** A percentage (blank is 0) in basis points, or undefined when it is not one of 0–100 with two decimals. */
function percentBasisPoints(value: string | null | undefined): bigint | undefined {
  const text = value?.trim() ? value : "0";
  const scaled = toScaled(text, RATE_SCALE);
  return scaled !== undefined && scaled <= 10000n ? scaled : undefined;
}

/** quantity × unit_price half up to the cent (before discount), or undefined while incomplete. */
export function lineGrossCents(line: LineInput): bigint | undefined {
  const quantity = toScaled(line.quantity, QTY_SCALE);
  const price = toScaled(line.unit_price, PRICE_SCALE);
  if (quantity === undefined || price === undefined) return undefined;
  return divideHalfUp(quantity * price, 10n ** BigInt(QTY_SCALE));
}

export type TaxedLineCents = { gross: bigint; subtotal: bigint; tax: bigint; total: bigint };

/** A taxed line's figures in cents (tax = subtotal × rate half up), or undefined while a field is not a valid number. */
export function taxedLineCents(line: TaxedLineInput): TaxedLineCents | undefined {
  const gross = lineGrossCents(line);
  const subtotal = lineSubtotalCents(line);
  const rate = percentBasisPoints(line.tax_rate_percent);
  if (gross === undefined || subtotal === undefined || rate === undefined) return undefined;
  const tax = divideHalfUp(subtotal * rate, 10000n);
  return { gross, subtotal, tax, total: subtotal + tax };
}

export type TaxedLine = { subtotal: string; tax: string; total: string };

/** A taxed line's subtotal, tax and total as decimal strings, or undefined while incomplete. */
export function taxedLine(line: TaxedLineInput): TaxedLine | undefined {
  const cents = taxedLineCents(line);
  return cents && { subtotal: centsToString(cents.subtotal), tax: centsToString(cents.tax), total: centsToString(cents.total) };
}

export type DocumentTotals = { subtotal: string; discount_total: string; tax_total: string; total: string; complete: boolean };

/**
 * A quote's or order's header figures as the server prints them: subtotal (Σ gross, before
 * discount), discount_total (subtotal − Σ line subtotals), tax_total (Σ taxes), total (Σ line
 * totals). Incomplete lines count as 0 and are reported.
 */
export function documentTotals(lines: readonly TaxedLineInput[]): DocumentTotals {
  let gross = 0n;
  let net = 0n;
  let tax = 0n;
  let complete = true;
  for (const line of lines) {
    const cents = taxedLineCents(line);
    if (!cents) {
      complete = false;
      continue;
    }
    gross += cents.gross;
    net += cents.subtotal;
    tax += cents.tax;
  }
  return { subtotal: centsToString(gross), discount_total: centsToString(gross - net), tax_total: centsToString(tax), total: centsToString(net + tax), complete };
}

/** A tax rate the API accepts: 0–100, at most two decimals (blank is 0). */
export function isValidTaxRate(value: string | null | undefined): boolean {
  return percentBasisPoints(value) !== undefined;
}

/** amount × probability%, half up to the cent, as the server's weighted amount. */
export function weightedAmount(amount: string, probability: number): string | undefined {
  const cents = toScaled(amount, PRICE_SCALE);
  if (cents === undefined || !Number.isInteger(probability) || probability < 0) return undefined;
  return centsToString(divideHalfUp(cents * BigInt(probability), 100n));
}
