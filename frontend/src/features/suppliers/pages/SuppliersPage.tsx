import { useState } from "react";
import type { TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import type { Supplier } from "../../../api/types";
import { formatDateTime } from "../../../shared/format";
import { RegionFilter } from "../../../shared/regions/RegionFilter";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { SearchForm } from "../../../shared/resource/SearchForm";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { ImportButton } from "../../imports/components/LazyImportButton";
import { suppliersApi } from "../api";
import { SupplierFormDrawer } from "../components/SupplierFormDrawer";
import { SUPPLIER_FILTERS, supplierFilters } from "../filters";

/** 供应商: the supplier list with search, create, edit and delete. */
export function SuppliersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { filters, setFilters, paged } = useListUrlState<Supplier, (typeof SUPPLIER_FILTERS)[number]>(SUPPLIER_FILTERS);
  const suppliers = suppliersApi.useList({ ...paged.params, ...supplierFilters(filters) });
  const exporter = suppliersApi.useExport("suppliers");
  const remove = suppliersApi.useDelete();
  const [editing, setEditing] = useState<Supplier | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const none = t("common:values.none");
  const text = (v: string | null | undefined) => v || none;
  const openDrawer = (supplier: Supplier | null) => {
    setEditing(supplier);
    setDrawerOpen(true);
  };

  const actions = useActionsColumn<Supplier>({
    actions: [{ key: "edit", label: t("common:actions.edit"), permission: "suppliers:update", onClick: openDrawer, testId: "supplier-edit" }],
    remove: { permission: "suppliers:delete", name: (s) => s.name, onDelete: (s) => remove.mutateAsync(s), testId: "supplier-delete" },
  });

  const columns: TableColumnsType<Supplier> = [
    { title: t("suppliers:fields.number"), dataIndex: "number", key: "number", sorter: true, width: 120 },
    {
      title: t("suppliers:fields.name"),
      dataIndex: "name",
      key: "name",
      sorter: true,
      render: (name: string, s) => <Link to={`/suppliers/${s.id}`}>{name}</Link>,
    },
    { title: t("suppliers:fields.contact"), dataIndex: "contact", key: "contact", render: text },
    { title: t("suppliers:fields.phone"), dataIndex: "phone", key: "phone", render: text },
    { title: t("suppliers:fields.province"), dataIndex: "province", key: "province", render: text },
    { title: t("suppliers:fields.city"), dataIndex: "city", key: "city", render: text },
    { title: t("suppliers:fields.created_by"), dataIndex: "created_by_name", key: "created_by", render: text },
    { title: t("suppliers:fields.created_at"), dataIndex: "created_at", key: "created_at", sorter: true, render: (v: string) => formatDateTime(v, none) },
    ...actions,
  ];

  return (
    <ResourceListPage<Supplier>
      title={t("suppliers:title")}
      toolbar={
        <>
          <ExportButton exporter={exporter} query={{ ...supplierFilters(filters), sort: paged.params.sort }} permission="suppliers:export" testId="supplier-export" />
          <ImportButton entity="suppliers" testId="supplier-import" />
        </>
      }
      create={{ permission: "suppliers:create", testId: "supplier-create", onClick: () => openDrawer(null) }}
      table={{ columns, list: suppliers, paged }}
      overlays={
        <SupplierFormDrawer
          open={drawerOpen}
          supplier={editing}
          onClose={() => setDrawerOpen(false)}
          onCreated={(created) => navigate(`/suppliers/${created.id}`)}
        />
      }
    >
      <SearchForm
        testId="supplier-search"
        values={filters}
        onSearch={setFilters}
        fields={[
          { name: "q", label: t("suppliers:search.q"), placeholder: t("suppliers:search.qPlaceholder"), width: 220, testId: "supplier-search-q" },
          { label: t("suppliers:fields.region"), input: <RegionFilter placeholder={t("suppliers:search.regionPlaceholder")} testId="supplier-search-region" /> },
        ]}
      />
    </ResourceListPage>
  );
}
