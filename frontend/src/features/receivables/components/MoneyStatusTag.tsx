import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { STATUS_COLORS, type MoneyKind } from "../status";

const TEST_IDS: Record<MoneyKind, string> = { plans: "plan-status", payments: "payment-status", invoices: "invoice-status" };

/** An instalment's, a payment's or an invoice's status as a coloured tag. */
export function MoneyStatusTag<K extends MoneyKind>({ kind, status }: { kind: K; status: keyof (typeof STATUS_COLORS)[K] & string }) {
  const { t } = useTranslation();
  const colors = STATUS_COLORS[kind] as Record<string, string>;
  return (
    <Tag color={colors[status]} data-testid={TEST_IDS[kind]} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`receivables:status.${kind}.${status}`)}
    </Tag>
  );
}
