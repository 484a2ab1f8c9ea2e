import { useState } from "react";
import { DatePicker, Grid, Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { useDictionary } from "../../../shared/dictionaries";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { ImportButton } from "../../imports/components/LazyImportButton";
import { SearchForm } from "../../../shared/resource/SearchForm";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { dictionaryOptions } from "../../customers/dictionary";
import { paymentsApi, type Payment } from "../api";
import { PHONE_TABLE, usePaymentColumns } from "../components/columns";
import { usePaymentActions } from "../components/moneyActions";
import { PaymentFormDrawer } from "../components/PaymentFormDrawer";
import { PAYMENT_FILTERS, paymentFormValues, paymentQuery, paymentUrlFilters, type PaymentFilterName, type PaymentSearchValues } from "../filters";
import { PAYMENT_STATUSES } from "../status";

/** 回款: the payments on the contracts the user sees, by status, with filters; record one against any contract in force. */
export function PaymentsPage() {
  const { t, i18n } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const { filters, setFilters, paged } = useListUrlState<Payment, PaymentFilterName>(PAYMENT_FILTERS, "-updated_at");
  const query = paymentQuery(filters);
  const list = paymentsApi.useList({ ...paged.params, ...query });
  const exporter = paymentsApi.useExport("payments");
  const methods = useDictionary("payment_method");
  const [creating, setCreating] = useState(false);
  const { column, overlay } = usePaymentActions({ phone });
  const columns = [...usePaymentColumns({ owner: true, phone, fixedNumber: true }), ...column];
  const status = filters.status && (PAYMENT_STATUSES as readonly string[]).includes(filters.status) ? filters.status : "all";

  return (
    <ResourceListPage<Payment>
      title={t("receivables:payments.title")}
      toolbar={
        <>
          <ExportButton exporter={exporter} query={{ ...query, sort: paged.params.sort }} permission="payments:export" testId="payment-export" />
          <ImportButton entity="payments" testId="payment-import" />
        </>
      }
      create={{ permission: "payments:create", testId: "payment-create", label: t("receivables:payments.record"), onClick: () => setCreating(true) }}
      table={{ columns, list, paged, testId: "payments-table", ...(phone ? PHONE_TABLE : {}) }}
      overlays={
        <>
          <PaymentFormDrawer open={creating} payment={null} onClose={() => setCreating(false)} />
          {overlay}
        </>
      }
    >
      <Tabs
        activeKey={status}
        onChange={(key) => setFilters({ status: key === "all" ? undefined : key })}
        items={[{ key: "all", label: t("receivables:status.all") }, ...PAYMENT_STATUSES.map((s) => ({ key: s, label: t(`receivables:status.payments.${s}`) }))]}
        data-testid="payment-status-tabs"
        style={{ marginTop: -8 }}
      />
      <SearchForm<PaymentSearchValues>
        testId="payment-search"
        values={paymentFormValues(filters)}
        onSearch={(v) => setFilters(paymentUrlFilters(v))}
        fields={[
          { name: "q", label: t("receivables:search.q"), placeholder: t("receivables:payments.searchPlaceholder"), width: 200, testId: "payment-search-q" },
          { name: "method", label: t("receivables:fields.method"), options: dictionaryOptions(methods.data, i18n.language), width: 140, testId: "payment-search-method" },
          { name: "received", label: t("receivables:fields.received_date"), input: <DatePicker.RangePicker allowEmpty={[true, true]} style={{ maxWidth: "100%" }} /> },
        ]}
      />
    </ResourceListPage>
  );
}
