import { useState } from "react";
import { Alert, App, Button, Space, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { Customer } from "../../../api/types";
import { problemText } from "../../../api/problem";
import { useFileDownload } from "../../../shared/hooks/useFileDownload";
import { usePermission } from "../../auth/api";
import { GroupMembershipModal } from "../../customer-groups/components/GroupMembershipModal";
import type { MembershipChange } from "../../customer-groups/members";
import { useBulkRelease } from "../api";
import { bulkActions, ineligible, selectedExportQuery, type BulkAction } from "../bulk";
import type { PoolTab } from "../pools";
import { OwnerModal, type OwnerChange } from "./OwnerModal";
import { ReasonModal } from "./ReasonModal";

type Props = {
  tab: PoolTab;
  selected: readonly Customer[];
  /** The list's sort, which the export of the selection keeps. */
  sort: string | undefined;
  onClear: () => void;
};

/** Shown while rows are selected: the bulk moves the tab and the user's permissions allow. */
export function BulkActionsBar({ tab, selected, sort, onClear }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const can = usePermission();
  const release = useBulkRelease();
  const { download, downloading } = useFileDownload();
  const [owner, setOwner] = useState<OwnerChange | null>(null);
  const [releasing, setReleasing] = useState(false);
  const [grouping, setGrouping] = useState<MembershipChange | null>(null);
  const actions = bulkActions(tab, can);

  if (selected.length === 0) return null;

  const runRelease = (reason: string) =>
    release.mutate(
      { customers: selected, reason },
      {
        onSuccess: ({ done, failed }) => {
          setReleasing(false);
          onClear();
          if (failed.length === 0) return void message.success(t("customers:bulk.done.release", { count: done.length }));
          modal.warning({
            title: t("customers:bulk.partial", { done: done.length, failed: failed.length }),
            content: (
              <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="bulk-failures">
                {failed.map(({ customer, error }) => (
                  <li key={customer.id}>{t("customers:bulk.failure", { name: customer.name, reason: problemText(error) })}</li>
                ))}
              </ul>
            ),
          });
        },
      },
    );

  const button = (action: BulkAction) => {
    const blocked = ineligible(action, selected);
    const onClick = () => {
      if (action === "export") void download("/api/v1/customers/export", selectedExportQuery(selected, sort), "customers.csv");
      else if (action === "release") setReleasing(true);
      else if (action === "group_add") setGrouping("add");
      else if (action === "group_remove") setGrouping("remove");
      else setOwner(action);
    };
    const element = (
      <Button
        key={action}
        size="small"
        disabled={blocked > 0}
        loading={action === "export" && downloading}
        onClick={onClick}
        data-testid={`bulk-${action}`}
      >
        {t(`customers:bulk.actions.${action}`)}
      </Button>
    );
    return blocked > 0 ? (
      <Tooltip key={action} title={t(`customers:bulk.blocked.${action}`, { count: blocked })}>
        <span>{element}</span>
      </Tooltip>
    ) : (
      element
    );
  };

  return (
    <>
      <Alert
        type="info"
        style={{ marginBottom: 12 }}
        data-testid="bulk-bar"
        message={
          <Space wrap>
            <span data-testid="bulk-count">{t("customers:bulk.selected", { count: selected.length })}</span>
            {actions.map(button)}
            <Button size="small" type="link" onClick={onClear}>
              {t("customers:bulk.clear")}
            </Button>
          </Space>
        }
      />
      <OwnerModal
        mode={owner}
        customers={selected}
        onClose={() => setOwner(null)}
        onDone={() => {
          setOwner(null);
          onClear();
        }}
      />
      <GroupMembershipModal
        change={grouping}
        customers={selected}
        onClose={() => setGrouping(null)}
        onDone={() => {
          setGrouping(null);
          onClear();
        }}
      />
      <ReasonModal
        open={releasing}
        title={t("customers:bulk.title.release", { count: selected.length })}
        loading={release.isPending}
        onClose={() => setReleasing(false)}
        onSubmit={runRelease}
      />
    </>
  );
}
