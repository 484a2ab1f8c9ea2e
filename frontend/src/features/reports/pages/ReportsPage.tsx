import { useMemo, useState } from "react";
import { Card, Col, DatePicker, Empty, Flex, Row, Segmented, Space, Spin, Statistic, Table, Tooltip, Typography, type TableColumnsType } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { UserPicker } from "../../../shared/components/UserPicker";
import { useMe, usePermission } from "../../auth/api";
import { stageName } from "../../opportunities/stages";
import { formatMoney } from "../../products/money";
import { FORECAST_PERIODS, GROUP_BYS, useForecast, useFunnel, useGroupReport, type ForecastPeriod, type ForecastRow, type FunnelStage, type GroupBy, type GroupRow, type ReportFilters } from "../api";
import { forecastOption, funnelOption, groupOption } from "../chartOptions";
import { EChart, type ChartOption } from "../components/EChart";
import { ReportExport } from "../components/ReportExport";

function percent(rate: string | null | undefined, language: string): string {
  if (rate === null || rate === undefined) return "—";
  return new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 }).format(Number(rate));
}

/** 报表: the sales funnel, the forecast by period and opportunities by stage, owner, month, province or product. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { data: me } = useMe();
  const can = usePermission();
  const exporting = can("reports:export");
  const seesOthers = !!me && me.data_scope !== "self";
  const [owner, setOwner] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [period, setPeriod] = useState<ForecastPeriod>("month");
  const [groupBy, setGroupBy] = useState<GroupBy>("stage");

  const filters: ReportFilters = {
    owner_id: owner || undefined,
    from: range?.[0]?.format("YYYY-MM-DD"),
    to: range?.[1]?.format("YYYY-MM-DD"),
  };
  const funnel = useFunnel(filters);
  const forecast = useForecast({ ...filters, period });
  const groups = useGroupReport({ ...filters, group_by: groupBy });

  const money = (v: string | number) => formatMoney(typeof v === "number" ? v.toFixed(2) : v, "CNY", language);
  const labels = useMemo(
    () => ({ count: t("reports:count"), amount: t("reports:amount"), weighted: t("reports:weighted"), won: t("reports:wonAmount"), money: (v: string | number) => formatMoney(typeof v === "number" ? v.toFixed(2) : v, "CNY", language) }),
    [t, language],
  );
  const groupName = (row: GroupRow) => (groupBy === "stage" ? stageName({ name_zh: row.name, name_en: row.name_en }, language) : row.name) || t("reports:noGroup");

  const funnelChart = useMemo(() => (funnel.data ? (funnelOption(funnel.data.stages, (s) => stageName(s.stage, language), labels) as ChartOption) : undefined), [funnel.data, labels, language]);
  const forecastChart = useMemo(() => (forecast.data ? (forecastOption(forecast.data, labels) as ChartOption) : undefined), [forecast.data, labels]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const groupChart = useMemo(() => (groups.data ? (groupOption(groups.data.rows, groupName, labels) as ChartOption) : undefined), [groups.data, labels, language]);

  const funnelColumns: TableColumnsType<FunnelStage> = [
    { title: t("reports:stage"), key: "stage", render: (_, s) => stageName(s.stage, language), width: 110 },
    { title: t("reports:count"), dataIndex: "count", key: "count", align: "right", width: 70 },
    { title: t("reports:amount"), dataIndex: "amount", key: "amount", align: "right", render: money, width: 130 },
    { title: t("reports:weighted"), dataIndex: "weighted_amount", key: "weighted", align: "right", render: money, width: 130 },
    { title: t("reports:reached"), dataIndex: "reached", key: "reached", align: "right", width: 80 },
    { title: t("reports:conversion"), dataIndex: "conversion_rate", key: "conversion", align: "right", render: (r: string | null) => percent(r, language), width: 90 },
  ];
  const forecastColumns: TableColumnsType<ForecastRow> = [
    { title: t("reports:period"), dataIndex: "period", key: "period", width: 90 },
    { title: t("reports:openCount"), dataIndex: "open_count", key: "open_count", align: "right", width: 80 },
    { title: t("reports:amount"), dataIndex: "amount", key: "amount", align: "right", render: money, width: 130 },
    { title: t("reports:weighted"), dataIndex: "weighted_amount", key: "weighted", align: "right", render: money, width: 130 },
    { title: t("reports:wonCount"), dataIndex: "won_count", key: "won_count", align: "right", width: 80 },
    { title: t("reports:wonAmount"), dataIndex: "won_amount", key: "won_amount", align: "right", render: money, width: 130 },
  ];
  const groupColumns: TableColumnsType<GroupRow> = [
    { title: t(`reports:groupBy.${groupBy}`), key: "name", render: (_, row) => groupName(row), width: 160 },
    { title: t("reports:count"), dataIndex: "count", key: "count", align: "right", width: 80 },
    { title: t("reports:amount"), dataIndex: "amount", key: "amount", align: "right", render: money, width: 140 },
    { title: t("reports:weighted"), dataIndex: "weighted_amount", key: "weighted", align: "right", render: money, width: 140 },
  ];

  const chartOrEmpty = (loading: boolean, empty: boolean, chart: ChartOption | undefined, testId: string, height?: number) =>
    loading && !chart ? <Spin /> : empty || !chart ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("reports:empty")} /> : <EChart option={chart} data-testid={testId} height={height} />;

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small">
        <Flex wrap gap="small" align="center">
          <Typography.Title level={4} style={{ margin: "0 8px 0 0" }}>
            {t("reports:title")}
          </Typography.Title>
          {seesOthers && (
            <UserPicker value={owner} onChange={(v) => setOwner(v)} style={{ width: 220, maxWidth: "100%" }} data-testid="reports-owner" placeholder={t("reports:everyone")} />
          )}
          <Tooltip title={t("reports:createdHint")}>
            <DatePicker.RangePicker
              value={range}
              onChange={(v) => setRange(v)}
              allowEmpty={[true, true]}
              placeholder={[t("reports:createdFrom"), t("reports:createdTo")]}
              style={{ width: 300, maxWidth: "100%" }}
              data-testid="reports-range"
            />
          </Tooltip>
        </Flex>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            title={t("reports:funnel")}
            size="small"
            data-testid="report-funnel"
            extra={exporting && <ReportExport path="/api/v1/reports/funnel/export" query={filters} name="funnel" testId="funnel-export" />}
          >
            {chartOrEmpty(funnel.isLoading, (funnel.data?.stages.length ?? 0) === 0, funnelChart, "funnel-chart")}
            {funnel.data && (
              <>
                <Row gutter={12} style={{ margin: "12px 0" }}>
                  <Col span={8}>
                    <Statistic title={t("reports:won")} value={funnel.data.won.count} suffix={<small style={{ fontSize: 12 }}>{money(funnel.data.won.amount)}</small>} valueStyle={{ fontSize: 18 }} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={t("reports:lost")} value={funnel.data.lost.count} suffix={<small style={{ fontSize: 12 }}>{money(funnel.data.lost.amount)}</small>} valueStyle={{ fontSize: 18 }} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={t("reports:winRate")} value={percent(funnel.data.win_rate, language)} valueStyle={{ fontSize: 18 }} data-testid="funnel-win-rate" />
                  </Col>
                </Row>
                <Table<FunnelStage> rowKey={(s) => s.stage.id} size="small" pagination={false} columns={funnelColumns} dataSource={funnel.data.stages} scroll={{ x: 610 }} data-testid="funnel-table" />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={t("reports:forecast")}
            size="small"
            data-testid="report-forecast"
            extra={
              <Space size={8}>
                <Segmented<ForecastPeriod> size="small" value={period} onChange={setPeriod} options={FORECAST_PERIODS.map((p) => ({ value: p, label: t(`reports:periods.${p}`) }))} data-testid="forecast-period" />
                {exporting && <ReportExport path="/api/v1/reports/forecast/export" query={{ ...filters, period }} name="forecast" testId="forecast-export" />}
              </Space>
            }
          >
            {chartOrEmpty(forecast.isLoading, (forecast.data?.rows.length ?? 0) === 0, forecastChart, "forecast-chart")}
            {forecast.data && forecast.data.rows.length > 0 && (
              <Table<ForecastRow> rowKey="period" size="small" pagination={false} columns={forecastColumns} dataSource={forecast.data.rows} scroll={{ x: 640 }} style={{ marginTop: 12 }} data-testid="forecast-table" />
            )}
          </Card>
        </Col>
      </Row>

      <Card
        title={t("reports:byGroup")}
        size="small"
        data-testid="report-groups"
        extra={
          <Space size={8}>
            <Segmented<GroupBy>
              size="small"
              value={groupBy}
              onChange={setGroupBy}
              options={GROUP_BYS.map((g) => ({ value: g, label: t(`reports:groupBy.${g}`) }))}
              data-testid="group-by"
              style={{ maxWidth: "100%", overflowX: "auto" }}
            />
            {exporting && <ReportExport path="/api/v1/reports/opportunities/export" query={{ ...filters, group_by: groupBy }} name={`opportunities-by-${groupBy}`} testId="group-export" />}
          </Space>
        }
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            {chartOrEmpty(groups.isLoading, (groups.data?.rows.length ?? 0) === 0, groupChart, "group-chart", Math.max(240, Math.min(15, groups.data?.rows.length ?? 0) * 36 + 60))}
          </Col>
          <Col xs={24} lg={12}>
            <Table<GroupRow>
              rowKey={(r) => r.key ?? "none"}
              size="small"
              columns={groupColumns}
              dataSource={groups.data?.rows}
              loading={groups.isFetching}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 520 }}
              data-testid="group-table"
            />
          </Col>
        </Row>
      </Card>
    </Space>
  );
}
