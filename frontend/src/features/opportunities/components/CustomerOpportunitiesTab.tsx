import { useState } from "react";
import { Button, Space, Table, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { usePermission } from "../../auth/api";
import { formatMoney } from "../../products/money";
import { opportunitiesApi, useStages, type Opportunity } from "../api";
import { OPPORTUNITIES_PATH } from "../paths";
import { isExpired, stageName } from "../stages";
import { OpportunityFormDrawer } from "./OpportunityFormDrawer";
import { StatusTag } from "./StatusTag";

/** The customer 360 page's 商机 tab: the customer's opportunities, and a create button for this customer. */
export function CustomerOpportunitiesTab({ customer, editBlocked }: { customer: { id: string; name: string }; editBlocked?: string }) {
  const { t, i18n } = useTranslation();
  const can = usePermission();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const list = opportunitiesApi.useList({ customer_id: customer.id, page, page_size: 10, sort: "-updated_at" });
  const stages = useStages();
  const [creating, setCreating] = useState(false);
  const stageById = new Map((stages.data ?? []).map((s) => [s.id, s]));
  const today = dayjs().format("YYYY-MM-DD");
  const none = t("common:values.none");
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {can("opportunities:create") && (
        <Button type="primary" icon={<PlusOutlined />} disabled={!!editBlocked} title={editBlocked} onClick={() => setCreating(true)} data-testid="customer-opportunity-create">
          {t("opportunities:customerTab.create")}
        </Button>
      )}
      <Table<Opportunity>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: 760 }}
        data-testid="customer-opportunities"
        locale={{ emptyText: t("opportunities:customerTab.empty") }}
        pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        columns={[
          { title: t("opportunities:fields.name"), dataIndex: "name", key: "name", render: (v: string, o) => <Link to={`${OPPORTUNITIES_PATH}/${o.id}`}>{v}</Link> },
          { title: t("opportunities:fields.amount"), dataIndex: "amount", key: "amount", align: "right", width: 140, render: (v: string, o) => formatMoney(v, o.currency, i18n.language) },
          {
            title: t("opportunities:fields.stage"),
            dataIndex: "stage_id",
            key: "stage",
            width: 150,
            render: (id: string, o) => (
              <Space size={4}>
                {stageName(stageById.get(id), i18n.language) || none}
                {o.status !== "open" && <StatusTag status={o.status} />}
              </Space>
            ),
          },
          {
            title: t("opportunities:fields.expected_close_date"),
            dataIndex: "expected_close_date",
            key: "close",
            width: 130,
            render: (v: string | null, o) => <Typography.Text type={isExpired(o, today) ? "danger" : undefined}>{v || none}</Typography.Text>,
          },
          { title: t("opportunities:fields.owner"), dataIndex: "owner_name", key: "owner", width: 110, render: (v: string | null) => v || none },
        ]}
      />
      <OpportunityFormDrawer open={creating} opportunity={null} customer={customer} onClose={() => setCreating(false)} onCreated={(o) => navigate(`${OPPORTUNITIES_PATH}/${o.id}`)} />
    </Space>
  );
}
