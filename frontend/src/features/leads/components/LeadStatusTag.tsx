import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { LeadStatus } from "../api";
import { STATUS_COLORS } from "../model";

export function LeadStatusTag({ status }: { status: LeadStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="lead-status-tag" style={{ marginInlineEnd: 0 }}>
      {t(`leads:statuses.${status}`)}
    </Tag>
  );
}
