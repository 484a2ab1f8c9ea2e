import { useState } from "react";
import { Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import type { CustomerGroup } from "../../../api/types";
import { formatDateTime } from "../../../shared/format";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { SearchForm } from "../../../shared/resource/SearchForm";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { useMe } from "../../auth/api";
import { groupAccess } from "../access";
import { customerGroupsApi } from "../api";
import { GroupFormDrawer } from "../components/GroupFormDrawer";
import { SharedTag } from "../components/SharedTag";
import { GROUP_FILTERS, groupListFilters, MINE_VALUE, type GroupFilterName } from "../filters";
import { CUSTOMER_GROUPS_PATH } from "../routes";

const DEFAULT_SORT = "-updated_at";

/** 客户分组: the groups the user can see, with search, create, edit and delete. */
export function CustomerGroupsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const { filters, setFilters, paged } = useListUrlState<CustomerGroup, GroupFilterName>(GROUP_FILTERS, DEFAULT_SORT);
  const groups = customerGroupsApi.useList({ ...paged.params, ...groupListFilters(filters, me?.id) });
  const exporter = customerGroupsApi.useExport("customer-groups");
  const remove = customerGroupsApi.useDelete();
  const [editing, setEditing] = useState<CustomerGroup | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const none = t("common:values.none");
  const openDrawer = (group: CustomerGroup | null) => {
    setEditing(group);
    setDrawerOpen(true);
  };
  // A colleague's shared group is read-only for most: no edit or delete to offer there.
  const readOnly = (g: CustomerGroup) => groupAccess(g, me) === "read";

  const actions = useActionsColumn<CustomerGroup>({
    actions: [{ key: "edit", label: t("common:actions.edit"), permission: "customer_groups:update", onClick: openDrawer, hidden: readOnly, testId: "group-edit" }],
    remove: {
      permission: "customer_groups:delete",
      name: (g) => g.name,
      onDelete: (g) => remove.mutateAsync(g),
      blockedReason: (g) => (readOnly(g) ? t("customerGroups:access.readOnly") : undefined),
      testId: "group-delete",
    },
  });

  const columns: TableColumnsType<CustomerGroup> = [
    {
      title: t("customerGroups:fields.name"),
      dataIndex: "name",
      key: "name",
      sorter: true,
      render: (name: string, g) => <Link to={`${CUSTOMER_GROUPS_PATH}/${g.id}`}>{name}</Link>,
    },
    {
      title: t("customerGroups:fields.description"),
      dataIndex: "description",
      key: "description",
      // Long descriptions would make the table unreadable; the detail page shows them whole.
      render: (v: string | null) => (v ? <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 280 }}>{v}</Typography.Text> : none),
    },
    { title: t("customerGroups:fields.shared"), dataIndex: "shared", key: "shared", render: (shared: boolean) => <SharedTag shared={shared} /> },
    { title: t("customerGroups:fields.owner"), dataIndex: "owner_name", key: "owner", render: (v: string | null) => v || none },
    { title: t("customerGroups:fields.member_count"), dataIndex: "member_count", key: "member_count", align: "right" },
    { title: t("customerGroups:fields.updated_at"), dataIndex: "updated_at", key: "updated_at", sorter: true, render: (v: string) => formatDateTime(v, none) },
    ...actions,
  ];

  return (
    <ResourceListPage<CustomerGroup>
      title={t("customerGroups:title")}
      toolbar={<ExportButton exporter={exporter} query={{ ...groupListFilters(filters, me?.id), sort: paged.params.sort }} permission="customer_groups:export" testId="group-export" />}
      create={{ permission: "customer_groups:create", testId: "group-create", onClick: () => openDrawer(null) }}
      table={{
        columns,
        list: groups,
        paged,
        testId: "groups-table",
        // The whole row opens the group, as its name does; links and buttons in it keep their own click.
        onRow: (g) => ({
          onClick: (event) => {
            if ((event.target as HTMLElement).closest("a, button, .ant-popover")) return;
            navigate(`${CUSTOMER_GROUPS_PATH}/${g.id}`);
          },
          style: { cursor: "pointer" },
        }),
      }}
      overlays={
        <GroupFormDrawer
          open={drawerOpen}
          group={editing}
          onClose={() => setDrawerOpen(false)}
          onCreated={(created) => navigate(`${CUSTOMER_GROUPS_PATH}/${created.id}`)}
        />
      }
    >
      <SearchForm
        testId="group-search"
        values={filters}
        onSearch={setFilters}
        fields={[
          { name: "q", label: t("customerGroups:search.q"), placeholder: t("customerGroups:search.qPlaceholder"), width: 200, testId: "group-search-q" },
          {
            name: "shared",
            label: t("customerGroups:search.shared"),
            width: 120,
            placeholder: t("customerGroups:search.all"),
            options: [
              { value: "true", label: t("customerGroups:search.sharedYes") },
              { value: "false", label: t("customerGroups:search.sharedNo") },
            ],
            testId: "group-search-shared",
          },
          {
            name: "mine",
            label: t("customerGroups:search.mine"),
            width: 130,
            placeholder: t("customerGroups:search.all"),
            options: [{ value: MINE_VALUE, label: t("customerGroups:search.mineOnly") }],
            testId: "group-search-mine",
          },
        ]}
      />
    </ResourceListPage>
  );
}
