import { useMemo, useState } from "react";
import { Col, DatePicker, Empty, Flex, Grid, Row, Segmented, Spin, Table, Typography, type TableColumnsType } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { UserPicker } from "../../../shared/components/UserPicker";
import { useMe, usePermission } from "../../auth/api";
import { formatMoney } from "../../products/money";
import { EChart, type ChartOption } from "../../reports/components/EChart";
import { ReportExport } from "../../reports/components/ReportExport";
import { useAgeingReport, useContractReport, type AgeingGroup, type AgeingRow, type ContractGroup, type ContractGroupRow } from "../api";
import { AGEING_BUCKETS, AGEING_GROUPS, ageingTable, CONTRACT_GROUPS, contractReportOption, contractTable, type ShapedRow } from "../reportRows";

// The receivables page's two reports. They bring echarts (through the reports' EChart), so they
// load when one of their tabs is first shown, not with the payments pages' chunk.

const DAY = "YYYY-MM-DD";
const LABEL_WIDTH = 200;

/** Money formatted as the reports do: in yuan, the API's default currency. */
function useMoney() {
  const { i18n } = useTranslation();
  return (v: string | number) => formatMoney(typeof v === "number" ? v.toFixed(2) : v, "CNY", i18n.language);
}

/** The owner filter of a report, for those who see more than their own. */
function OwnerFilter({ value, onChange, testId }: { value: string | undefined; onChange: (id: string | undefined) => void; testId: string }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me || me.data_scope === "self") return null;
  return <UserPicker value={value} onChange={(id) => onChange(id)} style={{ width: 200, maxWidth: "100%" }} placeholder={t("receivables:page.everyone")} data-testid={testId} />;
}

/** 账龄: what is owed per customer or owner, not yet due and by how long overdue, on a day. */
export function AgeingTab() {
  const { t } = useTranslation();
  // The name stays at the left edge while the buckets scroll, where there is room for both.
  const wide = Grid.useBreakpoint().md !== false;
  const can = usePermission();
  const money = useMoney();
  const none = t("common:values.none");
  const [groupBy, setGroupBy] = useState<AgeingGroup>("customer");
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [owner, setOwner] = useState<string | undefined>();
  const query = { group_by: groupBy, as_of: asOf?.format(DAY), owner_id: owner };
  const report = useAgeingReport(query);
  const { rows, total } = ageingTable(report.data, none);
  const cell = (bucket: (typeof AGEING_BUCKETS)[number]) => (v: string) => <span data-testid={`ageing-${bucket}`}>{money(v)}</span>;
  const columns: TableColumnsType<ShapedRow<AgeingRow>> = [
    { title: t(`receivables:page.groupBy.${groupBy}`), dataIndex: "label", key: "label", width: LABEL_WIDTH, ...(wide ? { fixed: "left" as const } : {}), ellipsis: true },
    ...AGEING_BUCKETS.map((bucket) => ({ title: t(`receivables:ageing.${bucket}`), dataIndex: bucket, key: bucket, align: "right" as const, width: 130, render: cell(bucket) })),
  ];
  return (
    <div data-testid="receivables-ageing">
      <Flex wrap gap="small" align="center" style={{ marginBottom: 12 }}>
        <Segmented<AgeingGroup> value={groupBy} onChange={setGroupBy} options={AGEING_GROUPS.map((g) => ({ value: g, label: t(`receivables:page.groupBy.${g}`) }))} data-testid="ageing-group-by" />
        <DatePicker value={asOf} onChange={setAsOf} placeholder={t("receivables:ageing.asOfToday")} data-testid="ageing-as-of" />
        <OwnerFilter value={owner} onChange={setOwner} testId="ageing-owner" />
        {can("reports:export") && <ReportExport path="/api/v1/reports/receivables-ageing/export" query={query} name={`receivables-ageing-by-${groupBy}`} testId="ageing-export" />}
      </Flex>
      <Table<ShapedRow<AgeingRow>>
        rowKey="rowKey"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={report.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: LABEL_WIDTH + AGEING_BUCKETS.length * 130 }}
        locale={{ emptyText: t("receivables:ageing.empty") }}
        data-testid="ageing-table"
        summary={() =>
          total && rows.length > 0 ? (
            <Table.Summary fixed="bottom">
              <Table.Summary.Row data-testid="ageing-total">
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{t("receivables:page.total")}</Typography.Text>
                </Table.Summary.Cell>
                {AGEING_BUCKETS.map((bucket, i) => (
                  <Table.Summary.Cell key={bucket} index={i + 1} align="right">
                    <Typography.Text strong data-testid={`ageing-total-${bucket}`}>
                      {money(total[bucket])}
                    </Typography.Text>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            </Table.Summary>
          ) : undefined
        }
      />
    </div>
  );
}

/** 合同统计: contracts that took effect, signed against received and outstanding, per month, owner, category or customer. */
export function ContractsReportTab() {
  const { t, i18n } = useTranslation();
  const can = usePermission();
  const money = useMoney();
  const [groupBy, setGroupBy] = useState<ContractGroup>("month");
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [owner, setOwner] = useState<string | undefined>();
  const query = { group_by: groupBy, from: range?.[0]?.format(DAY), to: range?.[1]?.format(DAY), owner_id: owner };
  const report = useContractReport(query);
  const noGroup = t("receivables:page.noGroup");
  const { rows, total } = useMemo(() => contractTable(report.data, groupBy, i18n.language, noGroup), [report.data, groupBy, i18n.language, noGroup]);
  const labels = useMemo(
    () => ({ signed: t("receivables:report.signed_amount"), received: t("receivables:report.received_amount"), outstanding: t("receivables:report.outstanding_amount"), money }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
  );
  const chart = useMemo(() => (rows.length > 0 ? (contractReportOption(rows, groupBy, labels) as ChartOption) : undefined), [rows, groupBy, labels]);
  const amounts = ["signed_amount", "received_amount", "outstanding_amount"] as const;
  const columns: TableColumnsType<ShapedRow<ContractGroupRow>> = [
    { title: t(`receivables:page.groupBy.${groupBy}`), dataIndex: "label", key: "label", width: 140, ellipsis: true },
    { title: t("receivables:report.count"), dataIndex: "count", key: "count", align: "right", width: 70 },
    ...amounts.map((key) => ({ title: t(`receivables:report.${key}`), dataIndex: key, key, align: "right" as const, width: 130, render: (v: string) => money(v) })),
  ];
  return (
    <div data-testid="receivables-contracts">
      <Flex wrap gap="small" align="center" style={{ marginBottom: 12 }}>
        <Segmented<ContractGroup>
          value={groupBy}
          onChange={setGroupBy}
          options={CONTRACT_GROUPS.map((g) => ({ value: g, label: t(`receivables:page.groupBy.${g}`) }))}
          style={{ maxWidth: "100%", overflowX: "auto" }}
          data-testid="contracts-group-by"
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v)}
          allowEmpty={[true, true]}
          placeholder={[t("receivables:report.signedFrom"), t("receivables:report.signedTo")]}
          style={{ width: 280, maxWidth: "100%" }}
          data-testid="contracts-range"
        />
        <OwnerFilter value={owner} onChange={setOwner} testId="contracts-owner" />
        {can("reports:export") && <ReportExport path="/api/v1/reports/contracts/export" query={query} name={`contracts-by-${groupBy}`} testId="contracts-export" />}
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          {report.isLoading && !chart ? <Spin /> : chart ? <EChart option={chart} height={Math.max(260, groupBy === "month" ? 300 : Math.min(15, rows.length) * 40 + 60)} data-testid="contracts-chart" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("receivables:report.empty")} />}
        </Col>
        <Col xs={24} xl={14}>
          <Table<ShapedRow<ContractGroupRow>>
            rowKey="rowKey"
            size="small"
            columns={columns}
            dataSource={rows}
            loading={report.isFetching}
            pagination={{ pageSize: 12, hideOnSinglePage: true }}
            scroll={{ x: 140 + 70 + 3 * 130 }}
            locale={{ emptyText: t("receivables:report.empty") }}
            data-testid="contracts-report-table"
            summary={() =>
              total && rows.length > 0 ? (
                <Table.Summary fixed="bottom">
                  <Table.Summary.Row data-testid="contracts-report-total">
                    <Table.Summary.Cell index={0}>
                      <Typography.Text strong>{t("receivables:page.total")}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      <Typography.Text strong>{total.count}</Typography.Text>
                    </Table.Summary.Cell>
                    {amounts.map((key, i) => (
                      <Table.Summary.Cell key={key} index={i + 2} align="right">
                        <Typography.Text strong>{money(total[key])}</Typography.Text>
                      </Table.Summary.Cell>
                    ))}
                  </Table.Summary.Row>
                </Table.Summary>
              ) : undefined
            }
          />
        </Col>
      </Row>
    </div>
  );
}
