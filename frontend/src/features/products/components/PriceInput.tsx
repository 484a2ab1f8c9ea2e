import { Input, type FormRule } from "antd";
import type { TFunction } from "i18next";
import { priceProblem } from "../money";

type Props = {
  value?: string;
  onChange?: (value: string) => void;
  /** Shown after the digits, e.g. the currency code. */
  suffix?: string;
  placeholder?: string;
  size?: "small" | "middle" | "large";
  style?: React.CSSProperties;
  "data-testid"?: string;
};

/**
 * A price typed as text: the value stays the exact decimal string the user typed ("1234.56"), never
 * a float, and goes to the API as a string. Usable as an antd Form control.
 */
export function PriceInput({ value, onChange, suffix, placeholder = "0.00", size, style, ...rest }: Props) {
  return (
    <Input
      value={value}
      onChange={(e) => onChange?.(e.target.value)}
      inputMode="decimal"
      autoComplete="off"
      placeholder={placeholder}
      suffix={suffix}
      size={size}
      style={style}
      data-testid={rest["data-testid"]}
    />
  );
}

/** Form rules for a price: ≥ 0 and at most two decimals; `required: false` lets a blank pass. */
export function priceRules(t: TFunction, required = true): FormRule[] {
  return [
    {
      validator: (_, value: string | undefined) => {
        if (!required && !value?.trim()) return Promise.resolve();
        const problem = priceProblem(value);
        return problem ? Promise.reject(new Error(t(`products:priceProblems.${problem}`))) : Promise.resolve();
      },
    },
  ];
}
