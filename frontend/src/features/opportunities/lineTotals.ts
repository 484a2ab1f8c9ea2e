// The opportunities' line totals live in the shared module, which quotes and orders use too.
export { centsToString, isValidDiscount, isValidQuantity, lineSubtotal, lineSubtotalCents, linesTotal, toScaled, weightedAmount, type LineInput } from "../../shared/lineTotals";
