import { useState, type ReactNode } from "react";
import { App, Button, Dropdown, Grid, Space, Tag, Tooltip, type MenuProps } from "antd";
import { EditOutlined, EllipsisOutlined, EyeOutlined, MergeCellsOutlined, PlusOutlined, SwapOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import type { Customer, FollowUp } from "../../../api/types";
import { useRecordTitle } from "../../../app/documentTitle";
import { useRecordRecent } from "../../../app/search/recents";
import { ConfirmDelete } from "../../../shared/components/ConfirmDelete";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { ResourceDetailPage } from "../../../shared/resource/ResourceDetailPage";
import { useMe, usePermission } from "../../auth/api";
import { CustomerFilesTab } from "../../drive/components/RecordFilesTab";
import { CustomerOpportunitiesTab } from "../../opportunities/components/CustomerOpportunitiesTab";
import { SalesDocTab } from "../../quotes/components/LazySalesDocs";
import { blockedReason, editAccess, transferAccess } from "../access";
import { customersApi } from "../api";
import { CollaboratorsTab } from "../components/CollaboratorsTab";
import { ContactsTab } from "../components/ContactsTab";
import { CustomerHeaderInfo } from "../components/CustomerHeaderInfo";
import { useCustomerHistoryText } from "../components/customerHistoryText";
import { CustomerFormDrawer } from "../components/CustomerFormDrawer";
import { CustomerProfile } from "../components/CustomerProfile";
import { CustomerTimeline } from "../components/CustomerTimeline";
import { FollowUpComposer } from "../components/FollowUpComposer";
import { FollowUpsTab } from "../components/FollowUpsTab";
import { MergeCustomerModal } from "../components/MergeCustomerModal";
import { OwnerModal } from "../components/OwnerModal";
import { PoolTag } from "../components/PoolTag";
import { SuppliersTab } from "../components/SuppliersTab";
import { usePoolActions } from "../components/usePoolActions";
import { LazyCustomerInvoicesTab, LazyCustomerPaymentsTab } from "../../receivables/components/LazyReceivables";
import { customerSearch } from "../search";

const CUSTOMERS_PATH = "/customers";
/** Only owned customers change hands by a transfer; a public one is assigned from the list. */
const TRANSFERABLE_POOLS = ["potential", "won"];

type MenuItem = NonNullable<MenuProps["items"]>[number];

/** A header button that is greyed out with the reason when the user may not use it here. */
function Gated({ blocked, children }: { blocked?: string; children: ReactNode }) {
  return blocked ? <Tooltip title={blocked}>{children}</Tooltip> : <>{children}</>;
}

/**
 * Customer 360: a header with where the customer stands (owner, pool, next and last follow-up)
 * and the day's moves (log a follow-up, return to the pool, transfer, edit), then the activity
 * timeline first and the record's other tabs after it. On a phone the header keeps "log a
 * follow-up" as a button and folds the other moves into "more".
 *
 * What changes the customer or what hangs off it (edit, merge, delete, follow-ups, contacts,
 * collaborators) is offered only as far as the server allows it: the customer's `access` says
 * "read" for a read-only collaborator, a rep looking at a public customer, or a manager who may
 * see more than they may change. Read-only, those are not offered and a 只读 tag says why; a
 * public customer keeps them greyed out with "claim it first". The pool moves (claim, release,
 * invalidate) and transfer keep their own rules.
 */
export function CustomerDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const can = usePermission();
  const { data: me } = useMe();
  const onProblem = useProblemHandler();
  const wide = Grid.useBreakpoint().md ?? true;
  const customer = customersApi.useGet(id);
  useRecordTitle(customer.data?.name);
  useRecordRecent(customerSearch, customer.data);
  const remove = customersApi.useDelete();
  const pool = usePoolActions({ size: "middle" });
  const historyText = useCustomerHistoryText();
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [transferring, setTransferring] = useState(false);
  // The follow-up stays while the drawer closes, so its title does not change during the animation.
  const [composing, setComposing] = useState<{ open: boolean; followUp: FollowUp | null }>({ open: false, followUp: null });
  const compose = (followUp: FollowUp | null) => setComposing({ open: true, followUp });

  /** Why changing the customer or what hangs off it is not offered; undefined when it may be tried. */
  const editReason = (c: Customer) => blockedReason(c, editAccess(c, me));
  const editBlocked = (c: Customer) => {
    const reason = editReason(c);
    return reason ? t(`customers:access.${reason}`) : undefined;
  };
  /** The server lets the user only read this customer (not a public one: that is claimed first). */
  const readOnly = (c: Customer) => editReason(c) === "readOnly";
  const transferBlocked = (c: Customer) => {
    const reason = blockedReason({ owner_id: c.owner_id }, transferAccess(c, me));
    return reason ? t(`customers:access.${reason}`) : undefined;
  };

  const confirmDelete = (c: Customer) =>
    modal.confirm({
      title: t("common:confirm.delete", { name: c.name }),
      okText: t("common:confirm.yes"),
      cancelText: t("common:confirm.no"),
      okButtonProps: { danger: true, "data-testid": "customer-delete-ok" },
      onOk: () =>
        remove.mutateAsync(c).then(
          () => {
            message.success(t("common:messages.deleted"));
            navigate(CUSTOMERS_PATH, { replace: true });
          },
          (e: unknown) => onProblem(e),
        ),
    });

  const actions = (c: Customer) => {
    const blocked = editBlocked(c);
    // Read only: the changes are not offered at all (the 只读 tag by the title says why).
    const writable = !readOnly(c);
    const canFollowUp = can("follow_ups:create") && writable;
    const canEdit = can("customers:update") && writable;
    const canMerge = can("customers:merge") && writable;
    const canDelete = can("customers:delete") && writable;
    const canTransfer = can("customers:transfer") && TRANSFERABLE_POOLS.includes(c.pool);
    const transferBlockedReason = transferBlocked(c);
    const followUpButton = canFollowUp && (
      <Gated blocked={blocked}>
        <Button type="primary" icon={<PlusOutlined />} disabled={!!blocked} onClick={() => compose(null)} data-testid="customer-follow-up">
          {t("customers:composer.createTitle")}
        </Button>
      </Gated>
    );

    if (!wide) {
      const items: MenuItem[] = [
        ...pool.menuItems(c),
        ...(canTransfer
          ? [{ key: "transfer", icon: <SwapOutlined />, disabled: !!transferBlockedReason, extra: transferBlockedReason, label: <span data-testid="customer-menu-transfer">{t("customers:bulk.actions.transfer")}</span>, onClick: () => setTransferring(true) }]
          : []),
        ...(canEdit
          ? [{ key: "edit", icon: <EditOutlined />, disabled: !!blocked, extra: blocked, label: <span data-testid="customer-menu-edit">{t("common:actions.edit")}</span>, onClick: () => setEditing(true) }]
          : []),
        ...(canMerge ? [{ key: "merge", icon: <MergeCellsOutlined />, disabled: !!blocked, extra: blocked, label: t("customers:merge.button"), onClick: () => setMerging(true) }] : []),
        ...(canDelete ? [{ type: "divider" as const }, { key: "delete", danger: true, disabled: !!blocked, extra: blocked, label: t("common:actions.delete"), onClick: () => confirmDelete(c) }] : []),
      ];
      return (
        <>
          {followUpButton}
          {items.length > 0 && (
            <Dropdown menu={{ items }} trigger={["click"]} placement="bottomRight">
              <Button icon={<EllipsisOutlined />} data-testid="customer-more">
                {t("customers:header.more")}
              </Button>
            </Dropdown>
          )}
        </>
      );
    }

    return (
      <>
        {followUpButton}
        {pool.buttons(c)}
        {canTransfer && (
          <Gated blocked={transferBlockedReason}>
            <Button icon={<SwapOutlined />} disabled={!!transferBlockedReason} onClick={() => setTransferring(true)} data-testid="customer-transfer">
              {t("customers:bulk.actions.transfer")}
            </Button>
          </Gated>
        )}
        {canEdit && (
          <Gated blocked={blocked}>
            <Button icon={<EditOutlined />} disabled={!!blocked} onClick={() => setEditing(true)} data-testid="customer-edit">
              {t("common:actions.edit")}
            </Button>
          </Gated>
        )}
        {canMerge && (
          <Gated blocked={blocked}>
            <Button icon={<MergeCellsOutlined />} disabled={!!blocked} onClick={() => setMerging(true)} data-testid="customer-merge">
              {t("customers:merge.button")}
            </Button>
          </Gated>
        )}
        {canDelete && (
          <ConfirmDelete
            variant="button"
            blockedReason={blocked}
            name={c.name}
            onDelete={() => remove.mutateAsync(c)}
            onDeleted={() => navigate(CUSTOMERS_PATH, { replace: true })}
            testId="customer-delete"
          />
        )}
      </>
    );
  };

  return (
    <ResourceDetailPage
      record={customer}
      listPath={CUSTOMERS_PATH}
      backLabel={t("customers:detail.backToList")}
      notFoundLabel={t("customers:detail.notFound")}
      title={(c) => c.name}
      titleTestId="customer-title"
      titleExtra={(c) => (
        <Space size={4}>
          <PoolTag pool={c.pool} />
          {readOnly(c) && (
            <Tooltip title={t("customers:access.readOnlyHint")}>
              <Tag icon={<EyeOutlined />} data-testid="customer-read-only">
                {t("customers:access.readOnlyTag")}
              </Tag>
            </Tooltip>
          )}
        </Space>
      )}
      subtitle={(c) => <CustomerHeaderInfo customer={c} />}
      actions={actions}
      tabs={(c) => [
        {
          key: "activity",
          label: t("customers:detail.tabs.activity"),
          children: <CustomerTimeline customerId={c.id} onCompose={compose} composeBlocked={editBlocked(c)} />,
        },
        { key: "profile", label: t("customers:detail.tabs.profile"), children: <CustomerProfile customer={c} /> },
        ...(can("contacts:read") ? [{ key: "contacts", label: t("customers:detail.tabs.contacts"), children: <ContactsTab customerId={c.id} editBlocked={editBlocked(c)} /> }] : []),
        ...(can("follow_ups:read")
          ? [{ key: "follow-ups", label: t("customers:detail.tabs.followUps"), children: <FollowUpsTab subject={{ customerId: c.id }} onCompose={compose} composeBlocked={editBlocked(c)} /> }]
          : []),
        ...(can("opportunities:read")
          ? [{ key: "opportunities", label: t("customers:detail.tabs.opportunities"), children: <CustomerOpportunitiesTab customer={c} editBlocked={editBlocked(c)} /> }]
          : []),
        ...(can("quotes:read") ? [{ key: "quotes", label: t("customers:detail.tabs.quotes"), children: <SalesDocTab kind="quotes" customer={c} editBlocked={editBlocked(c)} /> }] : []),
        ...(can("orders:read") ? [{ key: "orders", label: t("customers:detail.tabs.orders"), children: <SalesDocTab kind="orders" customer={c} editBlocked={editBlocked(c)} /> }] : []),
        ...(can("contracts:read")
          ? [{ key: "contracts", label: t("customers:detail.tabs.contracts"), children: <SalesDocTab kind="contracts" customer={c} editBlocked={editBlocked(c)} /> }]
          : []),
        ...(can("payments:read") ? [{ key: "payments", label: t("customers:detail.tabs.payments"), children: <LazyCustomerPaymentsTab customerId={c.id} /> }] : []),
        ...(can("invoices:read") ? [{ key: "invoices", label: t("customers:detail.tabs.invoices"), children: <LazyCustomerInvoicesTab customerId={c.id} /> }] : []),
        { key: "collaborators", label: t("customers:detail.tabs.collaborators"), children: <CollaboratorsTab customer={c} editBlocked={editBlocked(c)} /> },
        ...(can("files:read") ? [{ key: "files", label: t("customers:detail.tabs.files"), children: <CustomerFilesTab customerId={c.id} editBlocked={editBlocked(c)} /> }] : []),
        ...(can("suppliers:read") ? [{ key: "suppliers", label: t("customers:detail.tabs.suppliers"), children: <SuppliersTab customerId={c.id} /> }] : []),
      ]}
      history={{ entity: "customers", id: (c) => c.id, label: t("customers:detail.tabs.history"), testId: "customer-history", ...historyText }}
      overlays={(c) => (
        <>
          <CustomerFormDrawer open={editing} customer={c} onClose={() => setEditing(false)} />
          {can("customers:merge") && !editBlocked(c) && <MergeCustomerModal customer={c} open={merging} onClose={() => setMerging(false)} />}
          {can("customers:transfer") && <OwnerModal mode={transferring ? "transfer" : null} customers={[c]} onClose={() => setTransferring(false)} onDone={() => setTransferring(false)} />}
          <FollowUpComposer open={composing.open} subject={{ customerId: c.id }} followUp={composing.followUp} onClose={() => setComposing((old) => ({ ...old, open: false }))} />
          {pool.modal}
        </>
      )}
    />
  );
}
