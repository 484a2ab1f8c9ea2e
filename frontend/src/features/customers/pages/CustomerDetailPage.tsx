import { useState } from "react";
import { App, Button, Card, Popconfirm, Result, Skeleton, Space, Tabs, Typography } from "antd";
import { ArrowLeftOutlined, MergeCellsOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ApiError } from "../../../api/problem";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { usePermission } from "../../auth/api";
import { useCustomer, useDeleteCustomer } from "../api";
import { ChangeHistoryTab } from "../components/ChangeHistoryTab";
import { CollaboratorsTab } from "../components/CollaboratorsTab";
import { ContactsTab } from "../components/ContactsTab";
import { CustomerFormDrawer } from "../components/CustomerFormDrawer";
import { CustomerProfile } from "../components/CustomerProfile";
import { FollowUpsTab } from "../components/FollowUpsTab";
import { MergeCustomerModal } from "../components/MergeCustomerModal";
import { PoolTag } from "../components/PoolTag";
import { SuppliersTab } from "../components/SuppliersTab";
import { usePoolActions } from "../components/usePoolActions";

/** Customer 360: the record, its contacts, follow-ups, collaborators, suppliers and change history. */
export function CustomerDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const can = usePermission();
  const onProblem = useProblemHandler();
  const customer = useCustomer(id);
  const remove = useDeleteCustomer();
  const pool = usePoolActions({ size: "middle" });
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const none = t("common:values.none");

  if (customer.isPending) return <Card><Skeleton active /></Card>;
  if (customer.isError || !customer.data) {
    const status = customer.error instanceof ApiError ? customer.error.status : 0;
    return (
      <Result
        status={status === 404 ? "404" : status === 403 ? "403" : "error"}
        title={status === 404 ? t("customers:detail.notFound") : t("common:messages.loadFailed")}
        extra={
          <Link to="/customers">
            <Button type="primary">{t("customers:detail.backToList")}</Button>
          </Link>
        }
      />
    );
  }

  const c = customer.data;
  const tabs = [
    { key: "profile", label: t("customers:detail.tabs.profile"), children: <CustomerProfile customer={c} /> },
    ...(can("contacts:read") ? [{ key: "contacts", label: t("customers:detail.tabs.contacts"), children: <ContactsTab customerId={c.id} /> }] : []),
    ...(can("follow_ups:read") ? [{ key: "follow-ups", label: t("customers:detail.tabs.followUps"), children: <FollowUpsTab customerId={c.id} /> }] : []),
    { key: "collaborators", label: t("customers:detail.tabs.collaborators"), children: <CollaboratorsTab customer={c} /> },
    ...(can("suppliers:read") ? [{ key: "suppliers", label: t("customers:detail.tabs.suppliers"), children: <SuppliersTab customerId={c.id} /> }] : []),
    ...(can("audit_logs:read") ? [{ key: "history", label: t("customers:detail.tabs.history"), children: <ChangeHistoryTab customerId={c.id} /> }] : []),
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card>
        <Space style={{ width: "100%", justifyContent: "space-between", alignItems: "flex-start" }} wrap>
          <Space direction="vertical" size={4}>
            <Space wrap align="center">
              <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t("customers:detail.backToList")} />
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="customer-title">
                {c.name}
              </Typography.Title>
              <PoolTag pool={c.pool} />
            </Space>
            <Space wrap size="large" style={{ paddingInlineStart: 40 }}>
              <Typography.Text type="secondary">
                {t("customers:detail.code", { code: c.code })}
              </Typography.Text>
              <Typography.Text type="secondary" data-testid="customer-owner">
                {t("customers:detail.owner", { name: c.owner_name || none })}
              </Typography.Text>
            </Space>
          </Space>
          <Space wrap>
            {can("customers:update") && (
              <Button type="primary" onClick={() => setEditing(true)} data-testid="customer-edit">
                {t("common:actions.edit")}
              </Button>
            )}
            {pool.buttons(c)}
            {can("customers:merge") && (
              <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)} data-testid="customer-merge">
                {t("customers:merge.button")}
              </Button>
            )}
            {can("customers:delete") && (
              <Popconfirm
                title={t("common:confirm.delete", { name: c.name })}
                okText={t("common:confirm.yes")}
                cancelText={t("common:confirm.no")}
                onConfirm={() =>
                  remove.mutateAsync(c).then(
                    () => {
                      message.success(t("common:messages.deleted"));
                      navigate("/customers", { replace: true });
                    },
                    (e: unknown) => onProblem(e),
                  )
                }
              >
                <Button danger data-testid="customer-delete">
                  {t("common:actions.delete")}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Space>
      </Card>
      <Card>
        <Tabs items={tabs} destroyOnHidden />
      </Card>
      <CustomerFormDrawer open={editing} customer={c} onClose={() => setEditing(false)} />
      {can("customers:merge") && <MergeCustomerModal customer={c} open={merging} onClose={() => setMerging(false)} />}
      {pool.modal}
    </Space>
  );
}
