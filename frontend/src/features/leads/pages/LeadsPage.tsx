import { useEffect, useState } from "react";
import { Alert, Button, Grid, Space, Tabs, Tag, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router-dom";
import type { CreateFromSearch } from "../../../app/search/CommandPalette";
import { EmptyState } from "../../../shared/components/EmptyState";
import { UserPicker } from "../../../shared/components/UserPicker";
import { useDictionary } from "../../../shared/dictionaries";
import { formatDateTime } from "../../../shared/format";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn, type RowAction } from "../../../shared/resource/rowActions";
import { SearchForm, type FilterField } from "../../../shared/resource/SearchForm";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { useMe, usePermission } from "../../auth/api";
import { dictionaryLabel, dictionaryOptions } from "../../customers/dictionary";
import { leadsApi, type Lead } from "../api";
import { LeadFormDrawer } from "../components/LeadFormDrawer";
import { LeadStatusTag } from "../components/LeadStatusTag";
import { useLeadMoves } from "../components/useLeadMoves";
import { inPool, isLeadTab, LEAD_FILTERS, LEAD_TABS, leadActions, leadListQuery, LEADS_PATH, STATUSES, type LeadAction, type LeadFilterName, type LeadFilterValues, type LeadTab } from "../model";
import { ImportButton } from "../../imports/components/LazyImportButton";

const DEFAULT_SORT = "-updated_at";

/** 线索: the user's leads, the lead pool and every lead they see; claim, release, assign, edit and delete. */
export function LeadsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const navigate = useNavigate();
  const location = useLocation();
  const can = usePermission();
  const { data: me } = useMe();
  const phone = Grid.useBreakpoint().md === false;
  const { filters, setFilters, paged } = useListUrlState<Lead, LeadFilterName>(LEAD_FILTERS, DEFAULT_SORT);
  // A rep starts on their own leads; whoever sees more starts on everything they see.
  const defaultTab: LeadTab = me?.data_scope === "self" ? "mine" : "all";
  const tab: LeadTab = isLeadTab(filters.tab) ? filters.tab : defaultTab;
  const query = leadListQuery(filters, tab, me?.id);
  const leads = leadsApi.useList({ ...paged.params, ...query }, { enabled: !!me });
  const exporter = leadsApi.useExport("leads");
  const remove = leadsApi.useDelete();
  const sources = useDictionary("customer_source");
  const [selected, setSelected] = useState<ReadonlyMap<string, Lead>>(new Map());
  const clearSelection = () => setSelected(new Map());
  const moves = useLeadMoves({ onAssigned: clearSelection });
  const [editing, setEditing] = useState<Lead | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [draftName, setDraftName] = useState<string | undefined>();
  const none = t("common:values.none");
  const openDrawer = (lead: Lead | null) => {
    setEditing(lead);
    setDrawerOpen(true);
  };

  // The global search's "new lead" step arrives with the words it did not find as the name.
  const fromSearch = (location.state as Partial<CreateFromSearch> | null)?.create;
  useEffect(() => {
    if (!fromSearch || !can("leads:create")) return;
    setDraftName(fromSearch.name);
    openDrawer(null);
    navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
    // Each arrival (a new history entry) is read once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.key]);

  const allows = (lead: Lead, action: LeadAction) => leadActions(lead, me?.id, can).includes(action);
  const rowAction = (action: Exclude<LeadAction, "delete" | "convert">, onClick: (lead: Lead) => void | Promise<unknown>, extra: Partial<RowAction<Lead>> = {}): RowAction<Lead> => ({
    key: action,
    label: action === "edit" ? t("common:actions.edit") : t(`leads:pool.actions.${action}`),
    testId: `lead-${action}`,
    onClick,
    hidden: (lead) => !allows(lead, action),
    ...extra,
  });
  const actions = useActionsColumn<Lead>({
    // The row menu only, as on the customer list: a rep's rows differ in their moves, and the column stays narrow.
    inline: 0,
    actions: [
      rowAction("claim", (lead) => moves.claim(lead), { confirm: (lead) => t("leads:pool.confirmClaim", { name: lead.name }) }),
      rowAction("release", (lead) => moves.askRelease(lead)),
      rowAction("edit", (lead) => openDrawer(lead)),
      rowAction("assign", (lead) => moves.askAssign([lead]), { permission: "leads:transfer" }),
    ],
    remove: { permission: "leads:delete", name: (l) => l.name, onDelete: (l) => remove.mutateAsync(l), testId: "lead-delete" },
  });

  const ownerCell = (lead: Lead) =>
    inPool(lead) ? (
      <Tag color="gold" style={{ marginInlineEnd: 0 }}>
        {t("leads:pool.tag")}
      </Tag>
    ) : (
      lead.owner_name || none
    );

  const columns: TableColumnsType<Lead> = phone
    ? [
        {
          title: t("leads:fields.name"),
          key: "card",
          render: (_, l) => (
            <Space direction="vertical" size={2} style={{ width: "100%" }} data-testid="lead-card">
              <Space size={6} wrap>
                <Link to={`${LEADS_PATH}/${l.id}`} style={{ fontWeight: 500 }}>
                  {l.name}
                </Link>
                <LeadStatusTag status={l.status} />
              </Space>
              {l.company && <Typography.Text style={{ fontSize: 12 }}>{l.company}</Typography.Text>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[l.mobile || l.phone, l.owner_name ?? t("leads:pool.tag")].filter(Boolean).join(" · ")}
              </Typography.Text>
            </Space>
          ),
        },
        ...actions,
      ]
    : [
        { title: t("leads:fields.code"), dataIndex: "code", key: "code", width: 100 },
        {
          title: t("leads:fields.name"),
          dataIndex: "name",
          key: "name",
          sorter: true,
          width: 110,
          render: (name: string, l) => <Link to={`${LEADS_PATH}/${l.id}`}>{name}</Link>,
        },
        { title: t("leads:fields.company"), dataIndex: "company", key: "company", width: 170, ellipsis: true, render: (v: string | null) => v || none },
        { title: t("leads:fields.phones"), key: "phones", width: 130, render: (_, l) => l.mobile || l.phone || none },
        { title: t("leads:fields.source"), dataIndex: "source", key: "source", width: 90, render: (v: string | null) => dictionaryLabel(sources.data, v, language, none) },
        { title: t("leads:fields.status"), dataIndex: "status", key: "status", width: 90, render: (_, l) => <LeadStatusTag status={l.status} /> },
        { title: t("leads:fields.owner"), key: "owner", width: 100, render: (_, l) => ownerCell(l) },
        { title: t("leads:fields.updated_at"), dataIndex: "updated_at", key: "updated_at", sorter: true, width: 150, render: (v: string) => formatDateTime(v, none) },
        ...actions,
      ];

  const seesTeam = !!me && me.data_scope !== "self";
  const searchFields: FilterField[] = [
    { name: "q", label: t("leads:search.q"), placeholder: t("leads:search.qPlaceholder"), width: 220, testId: "lead-search-q" },
    {
      name: "status",
      label: t("leads:fields.status"),
      width: 130,
      options: STATUSES.map((s) => ({ value: s, label: t(`leads:statuses.${s}`) })),
      testId: "lead-search-status",
    },
    { name: "source", label: t("leads:fields.source"), width: 130, options: dictionaryOptions(sources.data, language), testId: "lead-search-source" },
    ...(seesTeam && tab === "all"
      ? [{ name: "owner_id", label: t("leads:fields.owner"), input: <UserPicker style={{ width: 180, maxWidth: "100%" }} data-testid="lead-search-owner" /> }]
      : []),
  ];
  const values: LeadFilterValues = { q: filters.q, status: filters.status, source: filters.source, owner_id: filters.owner_id };
  const filtered = !!(query.q || query.status || query.source || (tab === "all" && query.owner_id));
  const bulk = can("leads:transfer");
  const chosen = [...selected.values()];

  return (
    <ResourceListPage<Lead>
      title={t("leads:title")}
      toolbar={
        me && (
          <>
            <ExportButton exporter={exporter} query={{ ...query, sort: paged.params.sort }} permission="leads:export" testId="lead-export" />
            <ImportButton entity="leads" testId="lead-import" />
          </>
        )
      }
      create={{
        permission: "leads:create",
        testId: "lead-create",
        onClick: () => {
          setDraftName(undefined);
          openDrawer(null);
        },
      }}
      table={{
        columns,
        list: leads,
        paged,
        testId: "leads-table",
        loading: leads.isFetching || !me,
        empty: <EmptyState title={t(filtered ? "leads:empty.filtered" : `leads:empty.${tab}`)} />,
        ...(phone ? { scroll: {}, showHeader: false } : {}),
        rowSelection: bulk
          ? {
              selectedRowKeys: [...selected.keys()],
              preserveSelectedRowKeys: true,
              getCheckboxProps: (l) => ({ disabled: l.status === "converted" }),
              onChange: (keys, rows) =>
                setSelected((old) => {
                  const next = new Map<string, Lead>();
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
          <LeadFormDrawer
            open={drawerOpen}
            lead={editing}
            draftName={editing ? undefined : draftName}
            onClose={() => setDrawerOpen(false)}
            onCreated={(created) => navigate(`${LEADS_PATH}/${created.id}`)}
          />
          {moves.modals}
        </>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          clearSelection();
          setFilters({ tab: key === defaultTab ? undefined : key });
        }}
        items={LEAD_TABS.map((key) => ({ key, label: <span data-testid={`lead-tab-${key}`}>{t(`leads:tabs.${key}`)}</span> }))}
      />
      <SearchForm<LeadFilterValues>
        testId="lead-search"
        values={values}
        onSearch={(next) => {
          clearSelection();
          setFilters({ q: next.q, status: next.status, source: next.source, owner_id: next.owner_id });
        }}
        fields={searchFields}
      />
      {bulk && chosen.length > 0 && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          data-testid="lead-bulk-bar"
          message={
            <Space wrap>
              <span>{t("leads:pool.selected", { count: chosen.length })}</span>
              <Button size="small" type="primary" onClick={() => moves.askAssign(chosen)} data-testid="lead-bulk-assign">
                {t("leads:pool.actions.assign")}
              </Button>
              <Button size="small" onClick={clearSelection}>
                {t("leads:pool.clear")}
              </Button>
            </Space>
          }
        />
      )}
    </ResourceListPage>
  );
}
