import { ApiError } from "../../api/problem";
import { centsToString, toScaled } from "../../shared/lineTotals";

// The sums the money pages show before the server has its say: what a contract's plans leave of
// its amount, what an invoice's amount includes in tax. Decimal strings in, decimal strings out,
// exact cents on BigInt in between (never a float); the server's answer stays the truth.

/** A decimal string as cents, or undefined when it is not a plain non-negative amount with at most two decimals. */
export function toCents(value: string | number | null | undefined): bigint | undefined {
  return toScaled(value === null || value === undefined ? undefined : String(value), 2);
}

/** The sum of decimal strings (those that are not amounts count as nothing). */
export function sumAmounts(values: readonly (string | null | undefined)[]): string {
  return centsToString(values.reduce((sum, value) => sum + (toCents(value) ?? 0n), 0n));
}

/** `a − b`, which may be negative. */
export function subtractAmounts(a: string | null | undefined, b: string | null | undefined): string {
  return centsToString((toCents(a) ?? 0n) - (toCents(b) ?? 0n));
}

/** Whether a decimal string is more than zero. */
export function isPositive(value: string | null | undefined): boolean {
  return (toCents(value) ?? 0n) > 0n;
}

/** Whether a decimal string is below zero. */
export function isNegative(value: string): boolean {
  return value.trim().startsWith("-") && /[1-9]/.test(value);
}

/**
 * What a contract's instalments leave of its amount: amount − Σ plans, leaving out the one being
 * edited (its own amount is free to change). Negative when the plans already exceed it.
 */
export function planRoom(contractAmount: string, plans: readonly { id: string; amount: string }[], exceptId?: string): string {
  const planned = sumAmounts(plans.filter((plan) => plan.id !== exceptId).map((plan) => plan.amount));
  return subtractAmounts(contractAmount, planned);
}

/** What is left to invoice: amount − invoiced, never below zero (an override may have gone over). */
export function uninvoiced(contract: { amount: string; invoiced_amount?: string | null }): string {
  const left = subtractAmounts(contract.amount, contract.invoiced_amount ?? "0");
  return isNegative(left) ? "0.00" : left;
}

/** A money amount the API takes for a payment, a plan or an invoice: more than zero, at most two decimals. */
export function amountProblem(value: string | null | undefined): "required" | "format" | "not_positive" | undefined {
  const text = (value ?? "").trim();
  if (text === "") return "required";
  const cents = toCents(text);
  if (cents === undefined || cents >= 10n ** 14n) return "format";
  if (cents === 0n) return "not_positive";
  return undefined;
}

/** A typed amount as the API takes it: trimmed, leading zeros dropped. Call on a valid amount. */
export function normalizeAmount(value: string): string {
  return centsToString(toCents(value) ?? 0n).replace(/\.00$/, "");
}

/**
 * The tax a tax-inclusive amount holds at a rate in percent: amount × rate / (100 + rate), rounded
 * half away from zero to the cent, as the server computes it; undefined while either is not a number.
 */
export function taxIncluded(amount: string | null | undefined, ratePercent: string | number | null | undefined): string | undefined {
  const cents = toCents(amount);
  const rate = toCents(ratePercent); // hundredths of a percent
  if (cents === undefined || rate === undefined || rate > 10000n) return undefined;
  if (rate === 0n) return "0.00";
  const numerator = cents * rate;
  const denominator = 10000n + rate;
  return centsToString((numerator * 2n + denominator) / (denominator * 2n));
}

/**
 * The room a refused write names (`available` on 422 `payment.over_outstanding`,
 * `payment_plan.over_contract`, `invoice.over_contract`), if the error carries one.
 */
export function availableOf(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const available = error.problem.extra?.available;
  if (typeof available === "string" && toCents(available) !== undefined) return available;
  if (typeof available === "number" && Number.isFinite(available)) return available.toFixed(2);
  return undefined;
}
