import { useState } from "react";
import { DatePicker, Grid, Select, Tabs, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { UserPicker } from "../../../shared/components/UserPicker";
import { useDictionary } from "../../../shared/dictionaries";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { SearchForm } from "../../../shared/resource/SearchForm";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { useMe } from "../../auth/api";
import { dictionaryLabel, dictionaryOptions } from "../../customers/dictionary";
import { formatMoney } from "../../products/money";
import { seesOthers } from "../../quotes/api";
import { DocStatusTag } from "../../quotes/components/DocStatusTag";
import { contractsApi, type Contract } from "../api";
import { ContractFormDrawer } from "../components/ContractFormDrawer";
import { CONTRACT_FILTERS, contractFormValues, contractQuery, contractUrlFilters, type ContractFilterName, type ContractSearchValues } from "../filters";
import { CONTRACTS_PATH } from "../paths";
import { CONTRACT_STATUSES } from "../status";

/** 合同: the contracts the user can see, by status, with filters, create, edit (drafts) and delete (drafts and void ones). */
export function ContractsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const { filters, setFilters, paged } = useListUrlState<Contract, ContractFilterName>(CONTRACT_FILTERS, "-updated_at");
  const query = contractQuery(filters, CONTRACT_STATUSES);
  const list = contractsApi.useList({ ...paged.params, ...query });
  const exporter = contractsApi.useExport("contracts");
  const remove = contractsApi.useDelete();
  const categories = useDictionary("contract_category");
  const [editing, setEditing] = useState<Contract | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const wide = Grid.useBreakpoint().md !== false;
  const none = t("common:values.none");
  const openDrawer = (c: Contract | null) => {
    setEditing(c);
    setDrawerOpen(true);
  };

  const actions = useActionsColumn<Contract>({
    actions: [{ key: "edit", label: t("common:actions.edit"), permission: "contracts:update", onClick: openDrawer, testId: "contract-edit", hidden: (c: Contract) => c.status !== "draft" }],
    remove: {
      permission: "contracts:delete",
      name: (c) => c.number,
      onDelete: (c) => remove.mutateAsync(c),
      testId: "contract-delete",
      blockedReason: (c) =>
        c.status === "pending" ? t("errors:problem.approval.pending") : c.status === "draft" || c.status === "void" ? undefined : t("moduleErrors:problem.contract.not_deletable"),
    },
  });

  const columns: TableColumnsType<Contract> = [
    {
      title: t("contracts:fields.number"),
      dataIndex: "number",
      key: "number",
      sorter: true,
      width: 170,
      ...(wide ? { fixed: "left" as const } : {}),
      render: (v: string, c) => (
        <Link to={`${CONTRACTS_PATH}/${c.id}`} data-testid="contract-link">
          {v}
        </Link>
      ),
    },
    { title: t("contracts:fields.name"), dataIndex: "name", key: "name", width: 220, ellipsis: true },
    {
      title: t("contracts:fields.customer"),
      dataIndex: "customer_name",
      key: "customer",
      width: 200,
      ellipsis: true,
      render: (v: string | null, c) => <Link to={`/customers/${c.customer_id}`}>{v || none}</Link>,
    },
    {
      title: t("contracts:fields.amount"),
      dataIndex: "amount",
      key: "amount",
      sorter: true,
      align: "right",
      width: 150,
      render: (v: string, c) => <span data-testid="contract-amount-cell">{formatMoney(v, c.currency, i18n.language)}</span>,
    },
    { title: t("contracts:fields.status"), dataIndex: "status", key: "status", width: 100, render: (_: string, c) => <DocStatusTag kind="contracts" status={c.status} /> },
    { title: t("contracts:fields.category"), dataIndex: "category", key: "category", width: 110, render: (v: string | null) => dictionaryLabel(categories.data, v, i18n.language, none) },
    { title: t("contracts:fields.sign_date"), dataIndex: "sign_date", key: "sign_date", sorter: true, width: 120, render: (v: string | null) => v || none },
    { title: t("contracts:fields.end_date"), dataIndex: "end_date", key: "end_date", sorter: true, width: 120, render: (v: string | null) => v || none },
    { title: t("contracts:fields.owner"), dataIndex: "owner_name", key: "owner", width: 110, render: (v: string | null) => v || none },
    ...actions,
  ];

  const fields = [
    { name: "q", label: t("contracts:search.q"), placeholder: t("contracts:search.qPlaceholder"), width: 200, testId: "contract-search-q" },
    {
      name: "category",
      label: t("contracts:fields.category"),
      input: <Select allowClear options={dictionaryOptions(categories.data, i18n.language)} style={{ width: 140, maxWidth: "100%" }} data-testid="contract-search-category" />,
    },
    ...(seesOthers(me) ? [{ name: "owner_id", label: t("contracts:fields.owner"), input: <UserPicker style={{ width: 160, maxWidth: "100%" }} data-testid="contract-search-owner" /> }] : []),
    { name: "signed", label: t("contracts:fields.sign_date"), input: <DatePicker.RangePicker allowEmpty={[true, true]} style={{ maxWidth: "100%" }} data-testid="contract-search-signed" /> },
    { name: "ends", label: t("contracts:fields.end_date"), input: <DatePicker.RangePicker allowEmpty={[true, true]} style={{ maxWidth: "100%" }} data-testid="contract-search-ends" /> },
  ];

  return (
    <ResourceListPage<Contract>
      title={t("contracts:title")}
      toolbar={<ExportButton exporter={exporter} query={{ ...query, sort: paged.params.sort }} permission="contracts:export" testId="contract-export" />}
      create={{ permission: "contracts:create", testId: "contract-create", onClick: () => openDrawer(null) }}
      table={{
        columns,
        list,
        paged,
        testId: "contracts-table",
        onRow: (c) => ({
          onClick: (event) => {
            if ((event.target as HTMLElement).closest("a, button, .ant-popover, .ant-dropdown")) return;
            navigate(`${CONTRACTS_PATH}/${c.id}`);
          },
          style: { cursor: "pointer" },
        }),
      }}
      overlays={<ContractFormDrawer open={drawerOpen} contract={editing} onClose={() => setDrawerOpen(false)} onCreated={(c) => navigate(`${CONTRACTS_PATH}/${c.id}`)} />}
    >
      <Tabs
        activeKey={filters.status && (CONTRACT_STATUSES as readonly string[]).includes(filters.status) ? filters.status : "all"}
        onChange={(key) => setFilters({ status: key === "all" ? undefined : key })}
        items={[{ key: "all", label: t("contracts:status.all") }, ...CONTRACT_STATUSES.map((s) => ({ key: s, label: t(`contracts:status.${s}`) }))]}
        data-testid="contract-status-tabs"
        style={{ marginTop: -8 }}
      />
      <SearchForm<ContractSearchValues> testId="contract-search" values={contractFormValues(filters)} onSearch={(v) => setFilters(contractUrlFilters(v))} fields={fields} />
    </ResourceListPage>
  );
}
