import { Table, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../shared/format";
import { useStageHistory, type StageHistoryEntry } from "../api";
import { durationParts, stageName } from "../stages";

/** "2 days 4 hours", in the user's language. */
export function durationText(seconds: number, t: TFunction): string {
  const parts = durationParts(seconds);
  if (parts.length === 0) return t("opportunities:stageHistory.underMinute");
  return parts.map((p) => t(`opportunities:duration.${p.unit}`, { count: p.count })).join(" ");
}

/** 阶段历史: every move, oldest first, with how long it stayed in the stage it left. */
export function StageHistoryTab({ opportunityId }: { opportunityId: string }) {
  const { t, i18n } = useTranslation();
  const history = useStageHistory(opportunityId);
  const none = t("common:values.none");
  const name = (e: StageHistoryEntry, side: "from" | "to") =>
    stageName({ name_zh: side === "from" ? e.from_stage_name_zh : e.to_stage_name_zh, name_en: side === "from" ? e.from_stage_name_en : e.to_stage_name_en }, i18n.language);
  return (
    <Table<StageHistoryEntry>
      rowKey="id"
      size="middle"
      loading={history.isFetching}
      dataSource={history.data}
      pagination={false}
      scroll={{ x: 760 }}
      data-testid="stage-history"
      locale={{ emptyText: t("opportunities:stageHistory.empty") }}
      columns={[
        { title: t("opportunities:stageHistory.at"), dataIndex: "at", key: "at", width: 170, render: (v: string) => formatDateTime(v, none) },
        {
          title: t("opportunities:stageHistory.from"),
          key: "from",
          width: 130,
          render: (_, e) => (e.from_stage_id ? name(e, "from") : <Typography.Text type="secondary">{t("opportunities:stageHistory.created")}</Typography.Text>),
        },
        { title: t("opportunities:stageHistory.to"), key: "to", width: 130, render: (_, e) => name(e, "to") },
        {
          title: t("opportunities:stageHistory.stayed"),
          dataIndex: "stayed_seconds",
          key: "stayed",
          width: 160,
          render: (v: number | null | undefined) => (v === null || v === undefined ? none : <span data-testid="stage-stayed">{durationText(v, t)}</span>),
        },
        { title: t("opportunities:stageHistory.by"), dataIndex: "by_name", key: "by", width: 110, render: (v: string | null) => v || none },
        { title: t("opportunities:stageHistory.note"), dataIndex: "note", key: "note", render: (v: string | null) => v || none },
      ]}
    />
  );
}
