import { useState } from "react";
import { Form, Modal, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useDebouncedValue } from "../../../shared/hooks/useDebouncedValue";
import { useMe } from "../../auth/api";
import { groupAccess } from "../access";
import { useChangeMembership, useGroupOptions } from "../api";
import type { MembershipChange } from "../members";
import { useMembershipMessages } from "./useMembershipMessages";

type Props = {
  /** Which change the modal makes; null: closed. */
  change: MembershipChange | null;
  customers: readonly { id: string; name: string }[];
  onClose: () => void;
  onDone: () => void;
};

/** "Add to group" / "Remove from group" for customers chosen in the customer list. */
export function GroupMembershipModal({ change, customers, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ group_id: string }>();
  const { data: me } = useMe();
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  const options = useGroupOptions(q, change !== null);
  const membership = useChangeMembership();
  const explain = useMembershipMessages();
  // Only groups the user may change; where only the server knows, the group is offered with a note.
  const changeable = (options.data ?? []).map((g) => ({ group: g, access: groupAccess(g, me) })).filter((g) => g.access !== "read");

  const finish = ({ group_id }: { group_id: string }) =>
    membership.mutate(
      { groupId: group_id, change: change ?? "add", customerIds: customers.map((c) => c.id) },
      {
        onSuccess: (outcome) => {
          if (explain.outcome(outcome, change ?? "add")) onDone();
        },
        onError: (error) => explain.error(error),
      },
    );

  return (
    <Modal
      open={change !== null}
      title={change ? t(change === "add" ? "customerGroups:membership.addTitle" : "customerGroups:membership.removeTitle", { count: customers.length }) : ""}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common:confirm.yes")}
      cancelText={t("common:actions.cancel")}
      confirmLoading={membership.isPending}
      okButtonProps={{ "data-testid": "group-membership-ok" }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
        {customers.map((c) => c.name).join(t("customers:history.separator"))}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={finish} preserve={false}>
        <Form.Item name="group_id" label={t("customerGroups:membership.group")} rules={[{ required: true, message: t("customerGroups:membership.pickRequired") }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            loading={options.isFetching}
            placeholder={t("customerGroups:membership.pickPlaceholder")}
            notFoundContent={options.isFetching ? t("customerGroups:picker.searching") : t("customerGroups:membership.noGroups")}
            options={changeable.map(({ group, access }) => {
              // Names are unique per owner only: a colleague's group carries its owner's name.
              const name = group.owner_id === me?.id || !group.owner_name ? group.name : `${group.name} · ${group.owner_name}`;
              return { value: group.id, label: access === "unknown" ? `${name}（${t("customerGroups:membership.maybe")}）` : name };
            })}
            data-testid="group-membership-pick"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
