import { useState } from "react";
import { Button, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import { useRecordRecent } from "../../../app/search/recents";
import { ConfirmDelete } from "../../../shared/components/ConfirmDelete";
import { ResourceDetailPage } from "../../../shared/resource/ResourceDetailPage";
import { usePermission } from "../../auth/api";
import { suppliersApi } from "../api";
import { PriceListTab } from "../components/PriceListTab";
import { ServedCustomersTab } from "../components/ServedCustomersTab";
import { SupplierFormDrawer } from "../components/SupplierFormDrawer";
import { SupplierProfile } from "../components/SupplierProfile";
import { SUPPLIERS_PATH } from "../routes";
import { supplierSearch } from "../search";

/** One supplier: its profile, price list, the customers it serves and its change history. */
export function SupplierDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = usePermission();
  const supplier = suppliersApi.useGet(id);
  useRecordRecent(supplierSearch, supplier.data);
  const remove = suppliersApi.useDelete();
  const [editing, setEditing] = useState(false);

  return (
    <ResourceDetailPage
      record={supplier}
      listPath={SUPPLIERS_PATH}
      backLabel={t("suppliers:detail.backToList")}
      notFoundLabel={t("suppliers:detail.notFound")}
      title={(s) => s.name}
      titleTestId="supplier-title"
      subtitle={(s) => (
        <Typography.Text type="secondary" data-testid="supplier-number">
          {t("suppliers:detail.number", { number: s.number })}
        </Typography.Text>
      )}
      actions={(s) => (
        <>
          {can("suppliers:update") && (
            <Button type="primary" onClick={() => setEditing(true)} data-testid="supplier-edit">
              {t("common:actions.edit")}
            </Button>
          )}
          {can("suppliers:delete") && (
            <ConfirmDelete
              variant="button"
              name={s.name}
              onDelete={() => remove.mutateAsync(s)}
              onDeleted={() => navigate(SUPPLIERS_PATH, { replace: true })}
              testId="supplier-delete"
            />
          )}
        </>
      )}
      tabs={(s) => [
        { key: "profile", label: t("suppliers:detail.tabs.profile"), children: <SupplierProfile supplier={s} /> },
        { key: "prices", label: t("suppliers:detail.tabs.prices"), children: <PriceListTab supplierId={s.id} /> },
        { key: "customers", label: t("suppliers:detail.tabs.customers"), children: <ServedCustomersTab supplierId={s.id} /> },
      ]}
      history={{ entity: "suppliers", id: (s) => s.id, label: t("common:history.tab") }}
      overlays={(s) => <SupplierFormDrawer open={editing} supplier={s} onClose={() => setEditing(false)} />}
    />
  );
}
