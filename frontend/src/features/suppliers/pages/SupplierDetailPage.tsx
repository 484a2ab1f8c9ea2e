import { useState } from "react";
import { App, Button, Card, Popconfirm, Result, Skeleton, Space, Tabs, Typography } from "antd";
import { ArrowLeftOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { ApiError } from "../../../api/problem";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { usePermission } from "../../auth/api";
import { useDeleteSupplier, useSupplier } from "../api";
import { PriceListTab } from "../components/PriceListTab";
import { ServedCustomersTab } from "../components/ServedCustomersTab";
import { SupplierFormDrawer } from "../components/SupplierFormDrawer";
import { SupplierProfile } from "../components/SupplierProfile";
import { SUPPLIERS_PATH } from "../routes";

const TABS = ["profile", "prices", "customers"] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | null): value is Tab {
  return (TABS as readonly (string | null)[]).includes(value);
}

/** One supplier: its profile, price list and the customers it serves. */
export function SupplierDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const can = usePermission();
  const onProblem = useProblemHandler();
  const supplier = useSupplier(id);
  const remove = useDeleteSupplier();
  const [editing, setEditing] = useState(false);
  // The tab is in the URL, so a reload or a shared link opens the same tab.
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get("tab");
  const tab: Tab = isTab(tabParam) ? tabParam : "profile";

  if (supplier.isPending) return <Card><Skeleton active /></Card>;
  if (supplier.isError || !supplier.data) {
    const status = supplier.error instanceof ApiError ? supplier.error.status : 0;
    return (
      <Result
        status={status === 404 ? "404" : status === 403 ? "403" : "error"}
        title={status === 404 ? t("suppliers:detail.notFound") : t("common:messages.loadFailed")}
        extra={
          <Link to={SUPPLIERS_PATH}>
            <Button type="primary">{t("suppliers:detail.backToList")}</Button>
          </Link>
        }
      />
    );
  }

  const s = supplier.data;
  const items = [
    { key: "profile", label: t("suppliers:detail.tabs.profile"), children: <SupplierProfile supplier={s} /> },
    { key: "prices", label: t("suppliers:detail.tabs.prices"), children: <PriceListTab supplierId={s.id} /> },
    { key: "customers", label: t("suppliers:detail.tabs.customers"), children: <ServedCustomersTab supplierId={s.id} /> },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card>
        <Space style={{ width: "100%", justifyContent: "space-between", alignItems: "flex-start" }} wrap>
          <Space direction="vertical" size={4}>
            <Space wrap align="center">
              <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(SUPPLIERS_PATH)} aria-label={t("suppliers:detail.backToList")} />
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="supplier-title">
                {s.name}
              </Typography.Title>
            </Space>
            <Typography.Text type="secondary" style={{ paddingInlineStart: 40 }} data-testid="supplier-number">
              {t("suppliers:detail.number", { number: s.number })}
            </Typography.Text>
          </Space>
          <Space wrap>
            {can("suppliers:update") && (
              <Button type="primary" onClick={() => setEditing(true)} data-testid="supplier-edit">
                {t("common:actions.edit")}
              </Button>
            )}
            {can("suppliers:delete") && (
              <Popconfirm
                title={t("common:confirm.delete", { name: s.name })}
                okText={t("common:confirm.yes")}
                cancelText={t("common:confirm.no")}
                onConfirm={() =>
                  remove.mutateAsync(s).then(
                    () => {
                      message.success(t("common:messages.deleted"));
                      navigate(SUPPLIERS_PATH, { replace: true });
                    },
                    (e: unknown) => onProblem(e),
                  )
                }
              >
                <Button danger data-testid="supplier-delete">
                  {t("common:actions.delete")}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Space>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setSearchParams(key === "profile" ? {} : { tab: key }, { replace: true })}
          items={items}
          destroyOnHidden
        />
      </Card>
      <SupplierFormDrawer open={editing} supplier={s} onClose={() => setEditing(false)} />
    </Space>
  );
}
