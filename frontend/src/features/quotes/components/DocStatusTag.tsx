import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { DOC_KINDS, type DocKind } from "../docKinds";
import { STATUS_COLORS, type DocStatus } from "../status";

/** A quote's, an order's or a contract's status as a coloured tag. */
export function DocStatusTag({ kind, status }: { kind: DocKind; status: DocStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={`${DOC_KINDS[kind].testId}-status`} style={{ marginInlineEnd: 0 }}>
      {t(`${kind}:status.${status}`)}
    </Tag>
  );
}
