import { useState } from "react";
import { Button, Typography } from "antd";
import { MergeCellsOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import { ConfirmDelete } from "../../../shared/components/ConfirmDelete";
import { ResourceDetailPage } from "../../../shared/resource/ResourceDetailPage";
import { usePermission } from "../../auth/api";
import { customersApi } from "../api";
import { CollaboratorsTab } from "../components/CollaboratorsTab";
import { ContactsTab } from "../components/ContactsTab";
import { useCustomerHistoryText } from "../components/customerHistoryText";
import { CustomerFormDrawer } from "../components/CustomerFormDrawer";
import { CustomerProfile } from "../components/CustomerProfile";
import { FollowUpsTab } from "../components/FollowUpsTab";
import { MergeCustomerModal } from "../components/MergeCustomerModal";
import { PoolTag } from "../components/PoolTag";
import { SuppliersTab } from "../components/SuppliersTab";
import { usePoolActions } from "../components/usePoolActions";

const CUSTOMERS_PATH = "/customers";

/** Customer 360: the record, its contacts, follow-ups, collaborators, suppliers and change history. */
export function CustomerDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = usePermission();
  const customer = customersApi.useGet(id);
  const remove = customersApi.useDelete();
  const pool = usePoolActions({ size: "middle" });
  const historyText = useCustomerHistoryText();
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const none = t("common:values.none");

  return (
    <ResourceDetailPage
      record={customer}
      listPath={CUSTOMERS_PATH}
      backLabel={t("customers:detail.backToList")}
      notFoundLabel={t("customers:detail.notFound")}
      title={(c) => c.name}
      titleTestId="customer-title"
      titleExtra={(c) => <PoolTag pool={c.pool} />}
      subtitle={(c) => (
        <>
          <Typography.Text type="secondary">{t("customers:detail.code", { code: c.code })}</Typography.Text>
          <Typography.Text type="secondary" data-testid="customer-owner">
            {t("customers:detail.owner", { name: c.owner_name || none })}
          </Typography.Text>
        </>
      )}
      actions={(c) => (
        <>
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
            <ConfirmDelete
              variant="button"
              name={c.name}
              onDelete={() => remove.mutateAsync(c)}
              onDeleted={() => navigate(CUSTOMERS_PATH, { replace: true })}
              testId="customer-delete"
            />
          )}
        </>
      )}
      tabs={(c) => [
        { key: "profile", label: t("customers:detail.tabs.profile"), children: <CustomerProfile customer={c} /> },
        ...(can("contacts:read") ? [{ key: "contacts", label: t("customers:detail.tabs.contacts"), children: <ContactsTab customerId={c.id} /> }] : []),
        ...(can("follow_ups:read") ? [{ key: "follow-ups", label: t("customers:detail.tabs.followUps"), children: <FollowUpsTab customerId={c.id} /> }] : []),
        { key: "collaborators", label: t("customers:detail.tabs.collaborators"), children: <CollaboratorsTab customer={c} /> },
        ...(can("suppliers:read") ? [{ key: "suppliers", label: t("customers:detail.tabs.suppliers"), children: <SuppliersTab customerId={c.id} /> }] : []),
      ]}
      history={{ entity: "customers", id: (c) => c.id, label: t("customers:detail.tabs.history"), testId: "customer-history", ...historyText }}
      overlays={(c) => (
        <>
          <CustomerFormDrawer open={editing} customer={c} onClose={() => setEditing(false)} />
          {can("customers:merge") && <MergeCustomerModal customer={c} open={merging} onClose={() => setMerging(false)} />}
          {pool.modal}
        </>
      )}
    />
  );
}
