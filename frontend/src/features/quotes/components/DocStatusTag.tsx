import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { STATUS_COLORS } from "../status";

/** A quote's or an order's status as a coloured tag. */
export function DocStatusTag({ kind, status }: { kind: "quotes" | "orders"; status: keyof typeof STATUS_COLORS }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={`${kind === "quotes" ? "quote" : "order"}-status`} style={{ marginInlineEnd: 0 }}>
      {t(`${kind}:status.${status}`)}
    </Tag>
  );
}
