import { useState } from "react";
import { Button, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import type { CustomerGroup } from "../../../api/types";
import { ConfirmDelete } from "../../../shared/components/ConfirmDelete";
import { ResourceDetailPage } from "../../../shared/resource/ResourceDetailPage";
import { useMe, usePermission } from "../../auth/api";
import { groupAccess } from "../access";
import { customerGroupsApi } from "../api";
import { GroupFormDrawer } from "../components/GroupFormDrawer";
import { GroupMembersTab } from "../components/GroupMembersTab";
import { SharedTag } from "../components/SharedTag";
import { useGroupHistoryText } from "../components/useGroupHistoryText";
import { CUSTOMER_GROUPS_PATH } from "../routes";

/** One group: who keeps it, its members and its change history. */
export function CustomerGroupDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = usePermission();
  const { data: me } = useMe();
  const group = customerGroupsApi.useGet(id);
  const remove = customerGroupsApi.useDelete();
  const [editing, setEditing] = useState(false);
  const history = useGroupHistoryText(group.data);
  // Read-only where the browser knows the server would refuse; where only the server knows, it is offered.
  const changeable = (g: CustomerGroup) => groupAccess(g, me) !== "read";

  return (
    <ResourceDetailPage
      record={group}
      listPath={CUSTOMER_GROUPS_PATH}
      backLabel={t("customerGroups:detail.backToList")}
      notFoundLabel={t("customerGroups:detail.notFound")}
      title={(g) => g.name}
      titleTestId="group-title"
      titleExtra={(g) => (
        <>
          <SharedTag shared={g.shared} />
          {!changeable(g) && (
            <Tag color="default" data-testid="group-read-only">
              {t("customerGroups:access.readOnly")}
            </Tag>
          )}
        </>
      )}
      subtitle={(g) => (
        <>
          <Typography.Text type="secondary">{t("customerGroups:detail.owner", { name: g.owner_name || t("common:values.none") })}</Typography.Text>
          <Typography.Text type="secondary" data-testid="group-member-count">
            {t("customerGroups:detail.memberCount", { count: g.member_count })}
          </Typography.Text>
          {g.description && (
            <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: "pre-wrap" }}>
              {g.description}
            </Typography.Paragraph>
          )}
        </>
      )}
      actions={(g) =>
        changeable(g) && (
          <>
            {can("customer_groups:update") && (
              <Button type="primary" onClick={() => setEditing(true)} data-testid="group-edit">
                {t("common:actions.edit")}
              </Button>
            )}
            {can("customer_groups:delete") && (
              <ConfirmDelete
                variant="button"
                name={g.name}
                onDelete={() => remove.mutateAsync(g)}
                onDeleted={() => navigate(CUSTOMER_GROUPS_PATH, { replace: true })}
                testId="group-delete"
              />
            )}
          </>
        )
      }
      tabs={(g) => [
        {
          key: "members",
          label: t("customerGroups:detail.tabs.members"),
          children: <GroupMembersTab group={g} editable={changeable(g) && can("customer_groups:update")} />,
        },
      ]}
      history={{
        entity: "customer_groups",
        cacheName: "customer-groups",
        id: (g) => g.id,
        label: t("common:history.tab"),
        fieldLabel: history.fieldLabel,
        valueText: history.valueText,
        testId: "group-history",
      }}
      overlays={(g) => <GroupFormDrawer open={editing} group={g} onClose={() => setEditing(false)} />}
    />
  );
}
