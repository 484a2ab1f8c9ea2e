import { useEffect, useMemo, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { DatePicker, Grid, Space, Tabs, TreeSelect, Typography, type TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router-dom";
import type { Customer, SavedView } from "../../../api/types";
import type { CreateFromSearch } from "../../../app/search/CommandPalette";
import { ColumnChooser } from "../../../shared/components/ColumnChooser";
import { EmptyState, type EmptyAction } from "../../../shared/components/EmptyState";
import { SavedViewsBar } from "../../../shared/components/SavedViewsBar";
import { UserPicker } from "../../../shared/components/UserPicker";
import { formatDateTimeShort } from "../../../shared/format";
import { useColumnChooser, type OptionalColumn } from "../../../shared/hooks/useColumnChooser";
import { usePagedTable } from "../../../shared/hooks/usePagedTable";
import { useSavedViews } from "../../../shared/hooks/useSavedViews";
import { departmentTreeOptions, useDepartmentTree } from "../../../shared/lookups";
import { RegionFilter } from "../../../shared/regions/RegionFilter";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { SearchForm, type FilterField } from "../../../shared/resource/SearchForm";
import { VIEW_PARAM } from "../../../shared/savedViews";
import { useTimeZone } from "../../../shared/timeZone";
import { totalDisplay } from "../../../shared/total";
import { useMe, usePermission } from "../../auth/api";
import { customersApi, isTabCountQuery, useCustomerTabCounts, useDictionary } from "../api";
import { BulkActionsBar } from "../components/BulkActionsBar";
import { CustomerFormDrawer } from "../components/CustomerFormDrawer";
import { PoolTag } from "../components/PoolTag";
import { QuickFilterBar } from "../components/QuickFilterBar";
import { usePoolActions } from "../components/usePoolActions";
import { useCustomerColumns } from "../components/useCustomerColumns";
import { GroupSelect } from "../../customer-groups/components/GroupSelect";
import { ImportButton } from "../../imports/components/LazyImportButton";
import { dictionaryOptions } from "../dictionary";
import { customerEmptyReason } from "../emptyState";
import { bulkActions } from "../bulk";
import { customerFilters, type CustomerSearchValues, type FilterContext } from "../filters";
import { defaultPoolTab, isPoolTab, POOL_TABS, type PoolTab } from "../pools";
import { activeQuickFilters, type QuickFilters } from "../quickFilters";
import { tabCountQuery } from "../tabCounts";
import {
  CUSTOMER_DEFAULT_SORT,
  CUSTOMER_VIEW_RESOURCE,
  customerListParams,
  customerListState,
  customerViewQuery,
  customerViewState,
  plainCustomerView,
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

/** The search form's values as setFieldsValue takes them: no range as undefined, not null. */
function formValues(values: CustomerSearchValues) {
  return { ...values, created: values.created ?? undefined };
}

function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return false;
  if (Array.isArray(value)) return value.some(isSet);
  return true;
}

export function CustomersPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const can = usePermission();
  const { data: me } = useMe();
  const { zone } = useTimeZone();
  const navigate = useNavigate();
  // Below 768 px the list is a column of cards: name, pool, owner, next follow-up and the row menu.
  const phone = Grid.useBreakpoint().md === false;
  // A rep opens on their own customers; the default is left out of the URL, so it must be known first.
  const defaultTab = defaultPoolTab(me?.data_scope);
  // The URL holds the list (filters, tab, sort, page), so a link, a reload and Back show it again.
  const [searchParams, setSearchParams] = useSearchParams();
  const list = useMemo(() => customerListState(searchParams, defaultTab), [searchParams, defaultTab]);
  const { values: search, tab } = list;
  const quick: QuickFilters = list.quick ?? {};
  // "Now" for the quick filters is when the list was asked for, not every render: a moving clock
  // would make a new request (and a new count per tab) each time.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- searchParams is the trigger, not an input
  const now = useMemo(() => new Date(), [searchParams]);
  const context: FilterContext = { me: me?.id, quick, now, zone };
  const viewId = searchParams.get(VIEW_PARAM);
  const filters = customerFilters(search, tab, context);
  const industries = useDictionary("industry");
  const levels = useDictionary("customer_level");
  const sources = useDictionary("customer_source");
  // Owner and department filters only mean something to those who see more than their own.
  const seesTeam = !!me && me.data_scope !== "self";
  const departments = useDepartmentTree();
  const departmentOptions = seesTeam ? departmentTreeOptions(departments.data ?? []) : [];
  const pool = usePoolActions({ link: true });
  const customerColumns = useCustomerColumns();
  const location = useLocation();
  // The global search's "new customer" step arrives with the words it did not find as the name.
  const fromSearch = (location.state as Partial<CreateFromSearch> | null)?.create;
  const [draftName, setDraftName] = useState<string | undefined>();
  const actions = useActionsColumn<Customer>({ actions: pool.rowActions, inline: 0 });
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
  const exporter = customersApi.useExport("customers");
  const clearSelection = () => setSelected(new Map());

  /**
   * Shows a list by going to its URL. A new search or tab is a step Back returns from; paging,
   * sorting and views replace the entry, so Back does not walk through every page seen.
   */
  const show = (change: (current: CustomerListState) => CustomerListState, { view, replace = false }: { view?: string | null; replace?: boolean } = {}) => {
    // The address bar, not this render's `list`: the router re-renders in a transition, so a quick
    // second click (a sort right after a search) may run a handler a render behind and undo the first.
    const current = new URLSearchParams(window.location.search);
    const params = customerListParams(change(customerListState(current, defaultTab)), defaultTab);
    const viewParam = view === undefined ? current.get(VIEW_PARAM) : view;
    if (viewParam) params.set(VIEW_PARAM, viewParam);
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
  const applyQuick = (change: (current: QuickFilters) => QuickFilters) => {
    show((current) => ({ ...current, quick: change(current.quick ?? {}), page: 1 }));
    clearSelection();
  };
  const showTab = (next: PoolTab) => {
    show((current) => ({ ...current, tab: next, page: 1 }));
    clearSelection();
  };
  const clearFilters = () => {
    show((current) => ({ ...current, values: {}, quick: undefined, page: 1 }));
    clearSelection();
  };

  const none = t("common:values.none");
  /** On a phone: one cell with what a rep looks at first. */
  const cardColumn: TableColumnsType<Customer>[number] = {
    title: t("customers:fields.name"),
    key: "card",
    render: (_, c) => (
      <Space direction="vertical" size={2} style={{ width: "100%" }} data-testid="customer-card">
        <Space size={6} wrap>
          <Link to={`/customers/${c.id}`} style={{ fontWeight: 500 }}>
            {c.name}
          </Link>
          <PoolTag pool={c.pool} />
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("customers:card.owner", { name: c.owner_name || none })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("customers:card.next", { time: formatDateTimeShort(c.next_follow_up_at, none) })}
        </Typography.Text>
      </Space>
    ),
  };
  const columns: TableColumnsType<Customer> = phone ? [cardColumn, ...actions] : [...customerColumns, ...actions];

  /** Applies a saved view (its tab, filters, sort, page size and columns), or with null the plain list. */
  const selectView = (view: SavedView | null) => {
    const state = view ? customerViewState(view.query, defaultTab) : plainCustomerView(defaultTab);
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
  const desktopColumns: TableColumnsType<Customer> = [...customerColumns, ...actions];
  const dataColumns = new Set(desktopColumns.flatMap((c) => (c.key === undefined || c.key === "actions" ? [] : [String(c.key)])));
  const views = useSavedViews({
    resource: CUSTOMER_VIEW_RESOURCE,
    activeId: viewId,
    // A link asking for a list of its own (a search, a tab, a page) is not overridden by a view.
    explicit: customerListParams(list, defaultTab).toString() !== "",
    current: {
      query: customerViewQuery(list, defaultTab),
      columns: chooser.visibleKeys(desktopColumns).filter((key) => dataColumns.has(key)),
    },
    onSelect: selectView,
    onResume: resumeView,
    describe: (view) => ({
      query: customerViewQuery(customerViewState(view.query, defaultTab), defaultTab),
      columns: view.columns.filter((key) => dataColumns.has(key)),
    }),
  });
  // Held until the page knows its view and its user (whose default tab it may be), so no list is loaded for nothing.
  const ready = views.ready && !!me;
  const customers = customersApi.useList({ ...paged.params, ...filters }, { enabled: ready });
  const counts = useCustomerTabCounts(
    POOL_TABS.map((key) => ({ key, query: tabCountQuery(search, key, context) })),
    ready,
  );
  // The list answers its own tab's count: when it disagrees with the cached one, the data changed
  // (a claim elsewhere, a colleague's new customer), and every tab's count is asked again.
  const queryClient = useQueryClient();
  const listTotal = customers.isPlaceholderData ? undefined : customers.data?.total;
  const tabTotal = counts.get(tab)?.total;
  useEffect(() => {
    if (listTotal !== undefined && tabTotal !== undefined && listTotal !== tabTotal) {
      void queryClient.invalidateQueries({ queryKey: customersApi.keys.lists, predicate: (query) => isTabCountQuery(query.queryKey) });
    }
  }, [listTotal, tabTotal, queryClient]);

  const columnLabel = (key: string) => {
    const column = desktopColumns.find((c) => c.key === key);
    return typeof column?.title === "string" ? column.title : key;
  };
  const bulk = bulkActions(tab, can).length > 0;

  const searchFields: FilterField[] = [
    { name: "q", label: t("customers:search.q"), placeholder: t("customers:search.qPlaceholder"), width: 220, testId: "customer-search-q" },
    ...(seesTeam
      ? [
          {
            name: "owner_id",
            label: t("customers:fields.owner"),
            input: <UserPicker style={{ width: 180, maxWidth: "100%" }} data-testid="customer-search-owner" />,
          },
          ...(departmentOptions.length > 0
            ? [
                {
                  name: "department_id",
                  label: t("customers:search.department"),
                  input: (
                    <TreeSelect
                      allowClear
                      showSearch
                      treeNodeFilterProp="title"
                      treeDefaultExpandAll
                      style={{ width: 180, maxWidth: "100%" }}
                      placeholder={t("customers:search.departmentPlaceholder")}
                      treeData={departmentOptions}
                      data-testid="customer-search-department"
                    />
                  ),
                },
              ]
            : []),
        ]
      : []),
    { name: "industry", label: t("customers:fields.industry"), width: 140, options: dictionaryOptions(industries.data, language) },
    { name: "level", label: t("customers:fields.level"), width: 150, options: dictionaryOptions(levels.data, language), testId: "customer-search-level" },
    { name: "source", label: t("customers:fields.source"), width: 130, options: dictionaryOptions(sources.data, language) },
    { label: t("customers:fields.region"), input: <RegionFilter placeholder={t("customers:search.regionPlaceholder")} testId="customer-search-region" /> },
    { name: "created", label: t("customers:fields.created_at"), input: <DatePicker.RangePicker allowEmpty={[true, true]} /> },
    ...(can("customer_groups:read") ? [{ name: "group_id", label: t("customers:search.group"), input: <GroupSelect testId="customer-search-group" /> }] : []),
  ];

  // What the empty list says: the filters that are on, else what the tab means.
  const activeFilters = [
    ...searchFields.filter((f) => f.name !== undefined && isSet((search as Record<string, unknown>)[f.name])).map((f) => f.label),
    ...activeQuickFilters(quick).map((key) => (key === "idle" ? t("customers:quick.idle", { days: quick.idle }) : t(`customers:quick.${key}`))),
  ];
  const emptyReason = customerEmptyReason(customers.data?.items.length, activeFilters, tab);
  const createAction: EmptyAction[] = can("customers:create")
    ? [{ label: t("customers:empty.create"), primary: true, icon: <PlusOutlined />, onClick: () => setDrawerOpen(true), testId: "empty-create" }]
    : [];
  const empty = (() => {
    switch (emptyReason?.kind) {
      case undefined:
        return undefined;
      case "filtered":
        return (
          <EmptyState
            title={t("customers:empty.filtered")}
            filters={emptyReason.kind === "filtered" ? emptyReason.filters : []}
            actions={[{ label: t("common:empty.clearFilters"), primary: true, onClick: clearFilters, testId: "empty-clear-filters" }]}
          />
        );
      case "public":
        return (
          <EmptyState
            title={t("customers:empty.public")}
            description={t("customers:empty.publicWhy")}
            actions={[{ label: t("customers:empty.toMine"), onClick: () => showTab("mine"), testId: "empty-to-mine" }]}
          />
        );
      case "mine":
        return (
          <EmptyState
            title={t("customers:empty.mine")}
            description={t("customers:empty.mineWhy")}
            actions={[...createAction, { label: t("customers:empty.toPublic"), onClick: () => showTab("public"), testId: "empty-to-public" }]}
          />
        );
      case "pool":
        return <EmptyState title={t("customers:empty.pool", { pool: t(`customers:tabs.${tab}`) })} />;
      case "blank":
        return <EmptyState title={t("customers:empty.blank")} description={t("customers:empty.blankWhy")} actions={createAction} />;
    }
  })();

  const tabLabel = (key: PoolTab) => {
    const count = key === tab && listTotal !== undefined ? { total: listTotal, exact: customers.data?.total_exact } : counts.get(key);
    const shown = count ? totalDisplay(count.total, count.exact, language) : undefined;
    return (
      <span>
        {t(`customers:tabs.${key}`)}
        {shown && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }} data-testid={`tab-count-${key}`}>
            {shown.count}
            {shown.atLeast ? "+" : ""}
          </Typography.Text>
        )}
      </span>
    );
  };

  return (
    <ResourceListPage<Customer>
      title={t("customers:title")}
      titleExtra={<SavedViewsBar views={views} />}
      toolbar={
        <>
          {!phone && <ColumnChooser chooser={chooser} label={columnLabel} />}
          {/* The list's filters: what the table shows, all pages (the bulk bar exports a selection). */}
          <ExportButton exporter={exporter} query={{ ...filters, sort: paged.params.sort }} permission="customers:export" testId="customer-export" />
          <ImportButton entity="customers" testId="customer-import" />
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
        chooser: phone ? undefined : chooser,
        loading: customers.isFetching || !ready,
        empty,
        // A phone's cards wrap within the screen instead of scrolling sideways.
        ...(phone ? { scroll: {}, showHeader: false } : {}),
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
        onChange={(key) => showTab(isPoolTab(key) ? key : defaultTab)}
        items={POOL_TABS.map((key) => ({ key, label: tabLabel(key) }))}
      />
      <SearchForm<CustomerSearchValues> testId="customer-search" values={formValues(search)} onSearch={apply} fields={searchFields} />
      <QuickFilterBar value={quick} onChange={applyQuick} />
      <BulkActionsBar tab={tab} selected={[...selected.values()]} sort={paged.params.sort} onClear={clearSelection} />
    </ResourceListPage>
  );
}
