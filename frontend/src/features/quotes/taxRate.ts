/** The tax rate a new line starts with (China's standard VAT on goods), changeable per line. */
export const DEFAULT_TAX_RATE = "13";
