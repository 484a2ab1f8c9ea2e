import { useEffect, useState } from "react";
import { Button, DatePicker, Grid, Select, Space, Typography, type TableColumnsType } from "antd";
import { AppstoreOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router-dom";
import type { CreateFromSearch } from "../../../app/search/CommandPalette";
import { UserPicker } from "../../../shared/components/UserPicker";
import { formatDateTime } from "../../../shared/format";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { ImportButton } from "../../imports/components/LazyImportButton";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { SearchForm } from "../../../shared/resource/SearchForm";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { useMe, usePermission } from "../../auth/api";
import { formatMoney } from "../../products/money";
import { seesOthers } from "../access";
import { opportunitiesApi, useStages, type Opportunity } from "../api";
import { ExpiredTag, StatusTag } from "../components/StatusTag";
import { OpportunityFormDrawer } from "../components/OpportunityFormDrawer";
import { DEFAULT_SORT, formValues, OPPORTUNITY_FILTERS, opportunityQuery, STATUSES, urlFilters, type OpportunityFilterName, type OpportunitySearchValues } from "../filters";
import { BOARD_PATH, OPPORTUNITIES_PATH } from "../paths";
import { isExpired, stageName } from "../stages";

/** 商机: the opportunities the user can see, with filters, create, edit and delete. */
export function OpportunitiesPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const { filters, setFilters, paged } = useListUrlState<Opportunity, OpportunityFilterName>(OPPORTUNITY_FILTERS, DEFAULT_SORT);
  const query = opportunityQuery(filters);
  const list = opportunitiesApi.useList({ ...paged.params, ...query });
  const exporter = opportunitiesApi.useExport("opportunities");
  const stages = useStages();
  const remove = opportunitiesApi.useDelete();
  const [editing, setEditing] = useState<Opportunity | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  // On a phone a fixed name column would leave the others no room to scroll in.
  const wide = Grid.useBreakpoint().md !== false;
  const none = t("common:values.none");
  const today = dayjs().format("YYYY-MM-DD");
  const stageById = new Map((stages.data ?? []).map((s) => [s.id, s]));
  const openDrawer = (o: Opportunity | null) => {
    setEditing(o);
    setDraftName(undefined);
    setDrawerOpen(true);
  };
  const can = usePermission();
  const location = useLocation();
  // The global search's "new opportunity" step arrives with the words it did not find as the name.
  const fromSearch = (location.state as Partial<CreateFromSearch> | null)?.create;
  const [draftName, setDraftName] = useState<string | undefined>();
  useEffect(() => {
    if (!fromSearch || !can("opportunities:create")) return;
    setEditing(null);
    setDraftName(fromSearch.name);
    setDrawerOpen(true);
    // Once: a reload or Back to this entry does not open the form again.
    navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
    // Each arrival (a new history entry) is read once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.key]);

  const actions = useActionsColumn<Opportunity>({
    actions: [{ key: "edit", label: t("common:actions.edit"), permission: "opportunities:update", onClick: openDrawer, testId: "opportunity-edit" }],
    remove: { permission: "opportunities:delete", name: (o) => o.name, onDelete: (o) => remove.mutateAsync(o), testId: "opportunity-delete" },
  });

  const columns: TableColumnsType<Opportunity> = [
    {
      title: t("opportunities:fields.name"),
      dataIndex: "name",
      key: "name",
      sorter: true,
      width: 220,
      ...(wide ? { fixed: "left" as const } : {}),
      render: (name: string, o) => (
        <Link to={`${OPPORTUNITIES_PATH}/${o.id}`} data-testid="opportunity-link">
          {name}
        </Link>
      ),
    },
    {
      title: t("opportunities:fields.customer"),
      dataIndex: "customer_name",
      key: "customer",
      width: 180,
      render: (v: string | null, o) => <Link to={`/customers/${o.customer_id}`}>{v || none}</Link>,
    },
    {
      title: t("opportunities:fields.amount"),
      dataIndex: "amount",
      key: "amount",
      sorter: true,
      align: "right",
      width: 150,
      render: (v: string, o) => <span data-testid="opportunity-amount-cell">{formatMoney(v, o.currency, i18n.language)}</span>,
    },
    {
      title: t("opportunities:fields.weighted_amount"),
      dataIndex: "weighted_amount",
      key: "weighted_amount",
      align: "right",
      width: 150,
      render: (v: string, o) => formatMoney(v, o.currency, i18n.language),
    },
    {
      title: t("opportunities:fields.stage"),
      dataIndex: "stage_id",
      key: "stage",
      width: 150,
      render: (id: string, o) => (
        <Space size={4} wrap>
          <span>{stageName(stageById.get(id), i18n.language) || none}</span>
          {o.status !== "open" && <StatusTag status={o.status} />}
        </Space>
      ),
    },
    { title: t("opportunities:fields.probability"), dataIndex: "probability", key: "probability", align: "right", width: 90, render: (v: number) => `${v}%` },
    {
      title: t("opportunities:fields.expected_close_date"),
      dataIndex: "expected_close_date",
      key: "expected_close_date",
      sorter: true,
      width: 170,
      render: (v: string | null, o) =>
        v ? (
          <Space size={4}>
            <Typography.Text type={isExpired(o, today) ? "danger" : undefined}>{v}</Typography.Text>
            {isExpired(o, today) && <ExpiredTag />}
          </Space>
        ) : (
          none
        ),
    },
    { title: t("opportunities:fields.owner"), dataIndex: "owner_name", key: "owner", width: 110, render: (v: string | null) => v || none },
    { title: t("opportunities:fields.updated_at"), dataIndex: "updated_at", key: "updated_at", sorter: true, width: 170, render: (v: string) => formatDateTime(v, none) },
    ...actions,
  ];

  const fields = [
    { name: "q", label: t("opportunities:search.q"), placeholder: t("opportunities:search.qPlaceholder"), width: 180, testId: "opportunity-search-q" },
    {
      name: "stage_id",
      label: t("opportunities:search.stage"),
      width: 140,
      placeholder: t("opportunities:search.all"),
      options: (stages.data ?? []).map((s) => ({ value: s.id, label: stageName(s, i18n.language) })),
      testId: "opportunity-search-stage",
    },
    {
      name: "status",
      label: t("opportunities:search.status"),
      width: 110,
      placeholder: t("opportunities:search.all"),
      options: STATUSES.map((s) => ({ value: s, label: t(`opportunities:status.${s}`) })),
      testId: "opportunity-search-status",
    },
    ...(seesOthers(me)
      ? [{ name: "owner_id", label: t("opportunities:search.owner"), input: <UserPicker style={{ width: 160, maxWidth: "100%" }} data-testid="opportunity-search-owner" /> }]
      : []),
    {
      name: "expired",
      label: t("opportunities:search.expired"),
      input: (
        <Select
          allowClear
          style={{ width: 130, maxWidth: "100%" }}
          placeholder={t("opportunities:search.all")}
          options={[
            { value: "true", label: t("opportunities:search.expiredYes") },
            { value: "false", label: t("opportunities:search.expiredNo") },
          ]}
          data-testid="opportunity-search-expired"
        />
      ),
    },
    { name: "close", label: t("opportunities:search.closeDate"), input: <DatePicker.RangePicker allowEmpty={[true, true]} style={{ maxWidth: "100%" }} /> },
  ];

  return (
    <ResourceListPage<Opportunity>
      title={t("opportunities:title")}
      toolbar={
        <>
          <ExportButton exporter={exporter} query={{ ...query, sort: paged.params.sort }} permission="opportunities:export" testId="opportunity-export" />
          <ImportButton entity="opportunities" testId="opportunity-import" />
          <Link to={BOARD_PATH}>
            <Button icon={<AppstoreOutlined />} data-testid="opportunities-board-link">
              {t("opportunities:board.open")}
            </Button>
          </Link>
        </>
      }
      create={{ permission: "opportunities:create", testId: "opportunity-create", onClick: () => openDrawer(null) }}
      table={{
        columns,
        list,
        paged,
        testId: "opportunities-table",
        onRow: (o) => ({
          onClick: (event) => {
            if ((event.target as HTMLElement).closest("a, button, .ant-popover, .ant-dropdown")) return;
            navigate(`${OPPORTUNITIES_PATH}/${o.id}`);
          },
          style: { cursor: "pointer" },
        }),
      }}
      overlays={
        <OpportunityFormDrawer
          open={drawerOpen}
          opportunity={editing}
          draftName={draftName}
          onClose={() => setDrawerOpen(false)}
          onCreated={(o) => navigate(`${OPPORTUNITIES_PATH}/${o.id}`)}
        />
      }
    >
      <SearchForm<OpportunitySearchValues> testId="opportunity-search" values={formValues(filters)} onSearch={(v) => setFilters(urlFilters(v))} fields={fields} />
    </ResourceListPage>
  );
}
