import { useState } from "react";
import { Button, Tabs, Tag, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { UserPicker } from "../../../shared/components/UserPicker";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { SearchForm } from "../../../shared/resource/SearchForm";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { useMe, usePermission } from "../../auth/api";
import { formatMoney } from "../../products/money";
import { weeklyReportsApi, type WeeklyReport } from "../api";
import { WeeklyReportDrawer, weekLabel } from "../components/WeeklyReportDrawer";
import { recentWeeks } from "../isoWeek";

const FILTERS = ["view", "owner_id", "week"] as const;

/** 周报: my reports, and for a manager the team's, to read and comment. */
export function WeeklyReportsPage() {
  const { t, i18n } = useTranslation();
  const can = usePermission();
  const { data: me } = useMe();
  const { filters, setFilters, paged } = useListUrlState<WeeklyReport, (typeof FILTERS)[number]>(FILTERS, "-week_start");
  const seesTeam = !!me && me.data_scope !== "self";
  const team = seesTeam && filters.view === "team";
  const query = {
    ...paged.params,
    owner_id: team ? filters.owner_id || undefined : me?.id,
    week: filters.week || undefined,
  };
  const reports = weeklyReportsApi.useList(query, { enabled: !!me });
  const exporter = weeklyReportsApi.useExport("weekly-reports");
  const [shown, setShown] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const show = (id: string | null) => {
    setShown(id);
    setOpen(true);
  };

  const columns: TableColumnsType<WeeklyReport> = [
    {
      title: t("weeklyReports:fields.week"),
      dataIndex: "week",
      key: "week_start",
      sorter: true,
      width: 190,
      render: (week: string, r) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => show(r.id)} data-testid="weekly-report-open">
          {weekLabel(week)}
        </Button>
      ),
    },
    ...(team ? [{ title: t("weeklyReports:fields.owner"), dataIndex: "owner_name", key: "owner", width: 120 }] : []),
    { title: t("weeklyReports:fields.summary"), dataIndex: "summary", key: "summary", width: 260, ellipsis: true },
    { title: t("weeklyReports:fields.new_customers"), dataIndex: "new_customers", key: "new_customers", align: "right", width: 100 },
    { title: t("weeklyReports:fields.follow_ups"), dataIndex: "follow_ups", key: "follow_ups", align: "right", width: 100 },
    { title: t("weeklyReports:fields.new_opportunities"), dataIndex: "new_opportunities", key: "new_opportunities", align: "right", width: 100 },
    { title: t("weeklyReports:fields.won_amount"), dataIndex: "won_amount", key: "won_amount", align: "right", width: 130, render: (v: string) => formatMoney(v, "CNY", i18n.language) },
    {
      title: t("weeklyReports:fields.comment"),
      dataIndex: "comment",
      key: "comment",
      width: 110,
      render: (c: string | null, r) =>
        c ? (
          <Tag color="green" data-testid="weekly-report-commented">
            {t("weeklyReports:commentedTag")}
          </Tag>
        ) : team && r.owner_id !== me?.id && can("sales_plans:update") ? (
          <Button size="small" onClick={() => show(r.id)} data-testid="weekly-report-comment-open">
            {t("weeklyReports:commentAction")}
          </Button>
        ) : (
          <Tag>{t("weeklyReports:notCommentedTag")}</Tag>
        ),
    },
  ];

  return (
    <ResourceListPage<WeeklyReport>
      title={t("weeklyReports:title")}
      toolbar={<ExportButton exporter={exporter} query={{ owner_id: query.owner_id, week: query.week, sort: paged.params.sort }} permission="sales_plans:export" testId="weekly-report-export" />}
      create={{ permission: "sales_plans:create", testId: "weekly-report-create", label: t("weeklyReports:write"), onClick: () => show(null) }}
      table={{ columns, list: reports, paged, testId: "weekly-report-table" }}
      overlays={<WeeklyReportDrawer open={open} reportId={shown} onClose={() => setOpen(false)} onShow={(id) => show(id)} />}
    >
      {seesTeam && (
        <Tabs
          activeKey={team ? "team" : "mine"}
          onChange={(key) => setFilters({ view: key === "team" ? "team" : undefined, owner_id: undefined })}
          items={[
            { key: "mine", label: <span data-testid="weekly-tab-mine">{t("weeklyReports:tabs.mine")}</span> },
            { key: "team", label: <span data-testid="weekly-tab-team">{t("weeklyReports:tabs.team")}</span> },
          ]}
        />
      )}
      <SearchForm
        testId="weekly-report-search"
        values={filters}
        onSearch={(v) => setFilters({ ...v, view: filters.view })}
        fields={[
          ...(team ? [{ name: "owner_id", label: t("weeklyReports:fields.owner"), input: <UserPicker data-testid="weekly-report-search-owner" style={{ width: 200, maxWidth: "100%" }} /> }] : []),
          {
            name: "week",
            label: t("weeklyReports:fields.week"),
            options: recentWeeks(new Date(), 26).map((w) => ({ value: w.week, label: weekLabel(w.week) })),
            width: 200,
            testId: "weekly-report-search-week",
          },
        ]}
      />
    </ResourceListPage>
  );
}
