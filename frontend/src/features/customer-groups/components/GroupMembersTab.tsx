import { useState } from "react";
import { Alert, Button, Popconfirm, Space, Table, Typography } from "antd";
import { UnorderedListOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { Customer, CustomerGroup } from "../../../api/types";
import { usePagedTable } from "../../../shared/hooks/usePagedTable";
import { customersApi } from "../../customers/api";
import { useCustomerColumns } from "../../customers/components/useCustomerColumns";
import { CUSTOMER_DEFAULT_SORT } from "../../customers/views";
import { ALL_POOLS, useChangeMembership } from "../api";
import { useMembershipMessages } from "./useMembershipMessages";

/** The columns a member list needs to tell customers apart; the customer list has the rest. */
const MEMBER_COLUMNS = ["code", "name", "level", "city", "owner", "pool", "updated_at"] as const;

type Props = {
  group: CustomerGroup;
  /** Whether the user may change the members (the page decides from permission and scope). */
  editable: boolean;
};

/** 成员: the group's members the user can see, as the customer list shows them; selected ones can be removed. */
export function GroupMembersTab({ group, editable }: Props) {
  const { t } = useTranslation();
  const paged = usePagedTable<Customer>(CUSTOMER_DEFAULT_SORT);
  const members = customersApi.useList({ ...paged.params, group_id: group.id, pool: ALL_POOLS });
  const columns = useCustomerColumns(MEMBER_COLUMNS);
  const [selected, setSelected] = useState<string[]>([]);
  const membership = useChangeMembership();
  const explain = useMembershipMessages();
  const visible = members.data?.total ?? 0;
  const hidden = members.data !== undefined && members.data.total_exact !== false && group.member_count > visible;

  const removeSelected = () =>
    membership.mutateAsync({ groupId: group.id, change: "remove", customerIds: selected }).then(
      (outcome) => {
        if (explain.outcome(outcome, "remove")) setSelected([]);
      },
      (error: unknown) => explain.error(error),
    );

  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }} data-testid="group-members">
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Space wrap>
          {editable && (
            <Popconfirm
              title={t("customerGroups:members.removeConfirm", { count: selected.length, name: group.name })}
              okText={t("common:confirm.yes")}
              cancelText={t("common:confirm.no")}
              okButtonProps={{ "data-testid": "group-members-remove-ok" }}
              disabled={selected.length === 0}
              onConfirm={removeSelected}
            >
              <Button danger disabled={selected.length === 0} loading={membership.isPending} data-testid="group-members-remove">
                {t("customerGroups:members.remove")}
              </Button>
            </Popconfirm>
          )}
          {editable && selected.length > 0 && <Typography.Text type="secondary">{t("customerGroups:members.selected", { count: selected.length })}</Typography.Text>}
        </Space>
        {/* A plain link, not a button: it may wrap on a phone instead of widening the page. */}
        <Link to={`/customers?group_id=${group.id}`} data-testid="group-members-in-list">
          <UnorderedListOutlined /> {t("customerGroups:members.openInList")}
        </Link>
      </Space>
      {hidden && <Alert type="info" showIcon message={t("customerGroups:members.hidden", { count: visible })} />}
      <Table<Customer>
        rowKey="id"
        size="middle"
        scroll={{ x: "max-content" }}
        columns={paged.withSortOrder(columns)}
        dataSource={members.data?.items}
        loading={members.isFetching}
        locale={{ emptyText: t("customerGroups:members.empty") }}
        rowSelection={
          editable
            ? { selectedRowKeys: selected, preserveSelectedRowKeys: true, onChange: (keys) => setSelected(keys.map(String)) }
            : undefined
        }
        {...paged.tableProps(members.data?.total, members.data?.total_exact)}
      />
    </Space>
  );
}
