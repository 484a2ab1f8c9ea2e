import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { StageKind } from "../api";

const COLORS: Record<StageKind, string> = { open: "processing", won: "success", lost: "error" };

/** 进行中 / 赢单 / 输单. */
export function StatusTag({ status }: { status: StageKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid="opportunity-status" style={{ marginInlineEnd: 0 }}>
      {t(`opportunities:status.${status}`)}
    </Tag>
  );
}

/** Overdue: open and past its expected close date. */
export function ExpiredTag() {
  const { t } = useTranslation();
  return (
    <Tag color="warning" data-testid="opportunity-expired" style={{ marginInlineEnd: 0 }}>
      {t("opportunities:expired")}
    </Tag>
  );
}
