import { useEffect, useMemo, useState } from "react";
import { Button, DatePicker, Space, Tabs, type TableColumnsType } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate, useSearchParams } from "react-router-dom";
import type { Customer, SavedView } from "../../../api/types";
import type { CreateFromSearch } from "../../../app/search/CommandPalette";
import { ColumnChooser } from "../../../shared/components/ColumnChooser";
import { SavedViewsBar } from "../../../shared/components/SavedViewsBar";
import { useColumnChooser, type OptionalColumn } from "../../../shared/hooks/useColumnChooser";
import { usePagedTable } from "../../../shared/hooks/usePagedTable";
import { useSavedViews } from "../../../shared/hooks/useSavedViews";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { SearchForm, type FilterField } from "../../../shared/resource/SearchForm";
import { VIEW_PARAM } from "../../../shared/savedViews";
import { useMe, usePermission } from "../../auth/api";
import { customersApi, useDictionary } from "../api";
import { BulkActionsBar } from "../components/BulkActionsBar";
import { RegionFilter } from "../components/RegionFilter";
import { CustomerFormDrawer } from "../components/CustomerFormDrawer";
import { usePoolActions } from "../components/usePoolActions";
import { useCustomerColumns } from "../components/useCustomerColumns";
import { GroupSelect } from "../../customer-groups/components/GroupSelect";
import { dictionaryOptions } from "../dictionary";
import { bulkActions } from "../bulk";
import { customerFilters, type CustomerSearchValues } from "../filters";
import { isPoolTab, POOL_TABS } from "../pools";
import {
  CUSTOMER_DEFAULT_SORT,
  CUSTOMER_VIEW_RESOURCE,
  customerListParams,
  customerListState,
  customerViewQuery,
  customerViewState,
  PLAIN_CUSTOMER_VIEW,
  type CustomerListState,
} from "../views";

/** The columns a user may hide or show; code, name and actions always show. */
const OPTIONAL_COLUMNS: readonly OptionalColumn[] = [
  { key: "kind" },
  { key: "industry" },
  { key: "level" },
  { key: "source", defaultVisible: false },
  { key: "province", defaultVisible: false },
  { key: "city" },
  { key: "phone" },
  { key: "email", defaultVisible: false },
  { key: "tags", defaultVisible: false },
  { key: "owner" },
  { key: "pool" },
  { key: "last_follow_up_at" },
  { key: "next_follow_up_at" },
  { key: "created_at", defaultVisible: false },
  { key: "updated_at" },
];

/** The list's URL: its state and the saved view it was reached through, if any. */
function listParams(state: CustomerListState, viewId: string | null): URLSearchParams {
  const params = customerListParams(state);
  if (viewId) params.set(VIEW_PARAM, viewId);
  return params;
}

/** The search form's values as setFieldsValue takes them: no range as undefined, not null. */
function formValues(values: CustomerSearchValues) {
  return { ...values, created: values.created ?? undefined };
}

export function CustomersPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const can = usePermission();
  const { data: me } = useMe();
  const navigate = useNavigate();
  // The URL holds the list (filters, tab, sort, page), so a link, a reload and Back show it again.
  const [searchParams, setSearchParams] = useSearchParams();
  const list = useMemo(() => customerListState(searchParams), [searchParams]);
  const { values: search, tab } = list;
  const viewId = searchParams.get(VIEW_PARAM);
  const filters = customerFilters(search, tab);
  const industries = useDictionary("industry");
  const levels = useDictionary("customer_level");
  const sources = useDictionary("customer_source");
  const pool = usePoolActions({ link: true });
  const customerColumns = useCustomerColumns();
  const location = useLocation();
  // The global search's "new customer" step arrives with the words it did not find as the name.
  const fromSearch = (location.state as Partial<CreateFromSearch> | null)?.create;
  const [draftName, setDraftName] = useState<string | undefined>();
  const [drawerOpen, setDrawerOpen] = useState(false);
  useEffect(() => {
    if (!fromSearch || !can("customers:create")) return;
    setDraftName(fromSearch.name);
    setDrawerOpen(true);
    // Once: a reload or Back to this entry does not open the form again.
    navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
    // Each arrival (a new history entry) is read once; the other values are read with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.key]);
  const [selected, setSelected] = useState<ReadonlyMap<string, Customer>>(new Map());
  const chooser = useColumnChooser("customers", me?.id, OPTIONAL_COLUMNS);
  const exporter = customersApi.useExport("customers.csv");
  const clearSelection = () => setSelected(new Map());

  /**
   * Shows a list by going to its URL. A new search or tab is a step Back returns from; paging,
   * sorting and views replace the entry, so Back does not walk through every page seen.
   */
  const show = (change: (current: CustomerListState) => CustomerListState, { view, replace = false }: { view?: string | null; replace?: boolean } = {}) => {
    // The address bar, not this render's `list`: the router re-renders in a transition, so a quick
    // second click (a sort right after a search) may run a handler a render behind and undo the first.
    const current = new URLSearchParams(window.location.search);
    const params = listParams(change(customerListState(current)), view === undefined ? current.get(VIEW_PARAM) : view);
    if (params.toString() !== current.toString()) setSearchParams(params, { replace });
  };
  const paged = usePagedTable<Customer>(CUSTOMER_DEFAULT_SORT, {
    params: { page: list.page, page_size: list.page_size, sort: list.sort },
    onChange: (next) => show((current) => ({ ...current, ...next }), { replace: true }),
  });

  const apply = (values: CustomerSearchValues) => {
    show((current) => ({ ...current, values, page: 1 }));
    clearSelection();
  };

  const columns: TableColumnsType<Customer> = [
    ...customerColumns,
    {
      title: t("common:actions.actions"),
      key: "actions",
      fixed: "right",
      render: (_, c) => <Space size={0} wrap>{pool.buttons(c)}</Space>,
    },
  ];

  /** Applies a saved view (its tab, filters, sort, page size and columns), or with null the plain list. */
  const selectView = (view: SavedView | null) => {
    const state = view ? customerViewState(view.query) : PLAIN_CUSTOMER_VIEW;
    chooser.setOverride(view && view.columns.length > 0 ? view.columns : null);
    show(() => ({ ...state, page: 1 }), { view: view?.id ?? null, replace: true });
    clearSelection();
  };
  /** Shows the columns of the view the URL names but keeps the URL's list; a view that is gone leaves the URL. */
  const resumeView = (view: SavedView | null) => {
    chooser.setOverride(view && view.columns.length > 0 ? view.columns : null);
    if (!view) show((current) => current, { view: null, replace: true });
  };
  // The actions column is not data; a view keeps the others that show.
  const dataColumns = new Set(columns.flatMap((c) => (c.key === undefined || c.key === "actions" ? [] : [String(c.key)])));
  const views = useSavedViews({
    resource: CUSTOMER_VIEW_RESOURCE,
    activeId: viewId,
    // A link asking for a list of its own (a search, a tab, a page) is not overridden by a view.
    explicit: customerListParams(list).toString() !== "",
    current: {
      query: customerViewQuery(list),
      columns: chooser.visibleKeys(columns).filter((key) => dataColumns.has(key)),
    },
    onSelect: selectView,
    onResume: resumeView,
    describe: (view) => ({
      query: customerViewQuery(customerViewState(view.query)),
      columns: view.columns.filter((key) => dataColumns.has(key)),
    }),
  });
  // Held until the page knows its view, so the unfiltered list is not loaded for nothing.
  const customers = customersApi.useList({ ...paged.params, ...filters }, { enabled: views.ready });

  const columnLabel = (key: string) => {
    const column = columns.find((c) => c.key === key);
    return typeof column?.title === "string" ? column.title : key;
  };
  const bulk = bulkActions(tab, can).length > 0;

  const searchFields: FilterField[] = [
    { name: "q", label: t("customers:search.q"), placeholder: t("customers:search.qPlaceholder"), width: 220, testId: "customer-search-q" },
    { name: "industry", label: t("customers:fields.industry"), width: 140, options: dictionaryOptions(industries.data, language) },
    { name: "level", label: t("customers:fields.level"), width: 150, options: dictionaryOptions(levels.data, language), testId: "customer-search-level" },
    { name: "source", label: t("customers:fields.source"), width: 130, options: dictionaryOptions(sources.data, language) },
    { label: t("customers:fields.region"), input: <RegionFilter placeholder={t("customers:search.regionPlaceholder")} testId="customer-search-region" /> },
    { name: "created", label: t("customers:fields.created_at"), input: <DatePicker.RangePicker allowEmpty={[true, true]} /> },
    ...(can("customer_groups:read") ? [{ name: "group_id", label: t("customers:search.group"), input: <GroupSelect testId="customer-search-group" /> }] : []),
  ];

  return (
    <ResourceListPage<Customer>
      title={t("customers:title")}
      titleExtra={<SavedViewsBar views={views} />}
      toolbar={
        <>
          <ColumnChooser chooser={chooser} label={columnLabel} />
          {can("customers:export") && (
            <Button
              icon={<DownloadOutlined />}
              loading={exporter.downloading}
              data-testid="customer-export"
              // The list's filters: what the table shows, all pages (the bulk bar exports a selection).
              onClick={() => void exporter.download({ format: "csv", ...filters, sort: paged.params.sort })}
            >
              {t("common:actions.export")}
            </Button>
          )}
        </>
      }
      create={{
        permission: "customers:create",
        testId: "customer-create",
        onClick: () => {
          setDraftName(undefined);
          setDrawerOpen(true);
        },
      }}
      table={{
        columns,
        list: customers,
        paged,
        chooser,
        loading: customers.isFetching || !views.ready,
        rowSelection: bulk
          ? {
              selectedRowKeys: [...selected.keys()],
              preserveSelectedRowKeys: true,
              onChange: (keys, rows) =>
                setSelected((old) => {
                  // Rows chosen on other pages are not in `rows`; keep what we knew of them.
                  const next = new Map<string, Customer>();
                  for (const key of keys) {
                    const row = rows.find((r) => r?.id === key) ?? old.get(String(key));
                    if (row) next.set(row.id, row);
                  }
                  return next;
                }),
            }
          : undefined,
      }}
      overlays={
        <>
          <CustomerFormDrawer
            open={drawerOpen}
            customer={null}
            draftName={draftName}
            onClose={() => setDrawerOpen(false)}
            onCreated={(created) => navigate(`/customers/${created.id}`)}
          />
          {pool.modal}
        </>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          show((current) => ({ ...current, tab: isPoolTab(key) ? key : "all", page: 1 }));
          clearSelection();
        }}
        items={POOL_TABS.map((key) => ({ key, label: t(`customers:tabs.${key}`) }))}
      />
      <SearchForm<CustomerSearchValues> testId="customer-search" values={formValues(search)} onSearch={apply} fields={searchFields} />
      <BulkActionsBar tab={tab} selected={[...selected.values()]} sort={paged.params.sort} onClear={clearSelection} />
    </ResourceListPage>
  );
}
