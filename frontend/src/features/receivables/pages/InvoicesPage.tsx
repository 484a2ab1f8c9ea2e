import { useState } from "react";
import { DatePicker, Grid, Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { SearchForm } from "../../../shared/resource/SearchForm";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { invoicesApi, type Invoice } from "../api";
import { PHONE_TABLE, useInvoiceColumns } from "../components/columns";
import { InvoiceFormDrawer } from "../components/InvoiceFormDrawer";
import { useInvoiceActions } from "../components/moneyActions";
import { INVOICE_FILTERS, invoiceFormValuesOf, invoiceQuery, invoiceUrlFilters, type InvoiceFilterName, type InvoiceSearchValues } from "../filters";
import { INVOICE_STATUSES, INVOICE_TYPES } from "../status";

/** 发票: the invoices on the contracts the user sees, by status, with filters; a new one against any contract in force. */
export function InvoicesPage() {
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const { filters, setFilters, paged } = useListUrlState<Invoice, InvoiceFilterName>(INVOICE_FILTERS, "-updated_at");
  const query = invoiceQuery(filters);
  const list = invoicesApi.useList({ ...paged.params, ...query });
  const exporter = invoicesApi.useExport("invoices");
  const [creating, setCreating] = useState(false);
  const { column, overlay } = useInvoiceActions({ phone });
  const columns = [...useInvoiceColumns({ owner: true, phone, fixedNumber: true }), ...column];
  const status = filters.status && (INVOICE_STATUSES as readonly string[]).includes(filters.status) ? filters.status : "all";

  return (
    <ResourceListPage<Invoice>
      title={t("receivables:invoices.title")}
      toolbar={<ExportButton exporter={exporter} query={{ ...query, sort: paged.params.sort }} permission="invoices:export" testId="invoice-export" />}
      create={{ permission: "invoices:create", testId: "invoice-create", label: t("receivables:invoices.create"), onClick: () => setCreating(true) }}
      table={{ columns, list, paged, testId: "invoices-table", ...(phone ? PHONE_TABLE : {}) }}
      overlays={
        <>
          <InvoiceFormDrawer open={creating} invoice={null} onClose={() => setCreating(false)} />
          {overlay}
        </>
      }
    >
      <Tabs
        activeKey={status}
        onChange={(key) => setFilters({ status: key === "all" ? undefined : key })}
        items={[{ key: "all", label: t("receivables:status.all") }, ...INVOICE_STATUSES.map((s) => ({ key: s, label: t(`receivables:status.invoices.${s}`) }))]}
        data-testid="invoice-status-tabs"
        style={{ marginTop: -8 }}
      />
      <SearchForm<InvoiceSearchValues>
        testId="invoice-search"
        values={invoiceFormValuesOf(filters)}
        onSearch={(v) => setFilters(invoiceUrlFilters(v))}
        fields={[
          { name: "q", label: t("receivables:search.q"), placeholder: t("receivables:invoices.searchPlaceholder"), width: 200, testId: "invoice-search-q" },
          { name: "type", label: t("receivables:fields.type"), options: INVOICE_TYPES.map((type) => ({ value: type, label: t(`receivables:invoiceTypes.${type}`) })), width: 150, testId: "invoice-search-type" },
          { name: "issued", label: t("receivables:fields.issue_date"), input: <DatePicker.RangePicker allowEmpty={[true, true]} style={{ maxWidth: "100%" }} /> },
        ]}
      />
    </ResourceListPage>
  );
}
