import { DatePicker, Input, Select } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { UserPicker } from "../../../shared/components/UserPicker";
import { CustomerPicker } from "../../customers/components/CustomerPicker";
import { valueFor, type ConditionOp, type ConditionValue, type FieldKind } from "../conditions";
import { CustomerIdsPicker } from "./CustomerIdsPicker";

const DAY = "YYYY-MM-DD";

type Props = {
  kind: FieldKind | undefined;
  op: ConditionOp | undefined;
  value?: ConditionValue;
  onChange?: (value: ConditionValue) => void;
  testId?: string;
};

/**
 * A condition's value as its field is entered elsewhere: an amount typed, a date picked, a
 * customer or a colleague chosen; for `in`, several (typed values become tags).
 */
export function ConditionValueInput({ kind, op, value, onChange, testId }: Props) {
  const { t } = useTranslation();
  const shaped = valueFor(op, value);
  const style = { width: "100%" };
  if (op === "in") {
    const list = Array.isArray(shaped) ? shaped : [];
    if (kind === "user") return <UserPicker multiple value={list} onChange={(ids) => onChange?.(ids)} style={style} data-testid={testId} />;
    if (kind === "customer") return <CustomerIdsPicker value={list} onChange={(ids) => onChange?.(ids)} data-testid={testId} />;
    return (
      <Select<string[]>
        mode="tags"
        value={list}
        onChange={(next) => onChange?.(next)}
        tokenSeparators={[",", "，", " "]}
        open={false}
        suffixIcon={null}
        placeholder={t("approvals:flows.condition.valuesPlaceholder")}
        style={style}
        data-testid={testId}
      />
    );
  }
  const text = typeof shaped === "string" ? shaped : undefined;
  switch (kind) {
    case "user":
      return <UserPicker value={text} onChange={(id) => onChange?.(id)} style={style} data-testid={testId} />;
    case "customer":
      return <CustomerPicker value={text} onChange={(c) => onChange?.(c?.id)} style={style} data-testid={testId} />;
    case "date":
      return (
        <DatePicker
          value={text && dayjs(text, DAY).isValid() ? dayjs(text, DAY) : null}
          onChange={(day) => onChange?.(day ? day.format(DAY) : undefined)}
          style={style}
          data-testid={testId}
        />
      );
    default:
      return <Input value={text} onChange={(e) => onChange?.(e.target.value)} inputMode={kind === "money" ? "decimal" : undefined} data-testid={testId} />;
  }
}
