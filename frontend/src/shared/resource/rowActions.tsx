import { Button, Space, type TableColumnType } from "antd";
import { useTranslation } from "react-i18next";
import type { PermissionCode } from "../../api/types";
import { usePermission } from "../../features/auth/api";
import { ConfirmDelete } from "../components/ConfirmDelete";
import type { HistoryReading } from "./ChangeHistory";
import { HistoryButton } from "./HistoryDrawer";

export type RowAction<T> = {
  key: string;
  label: string;
  permission?: PermissionCode;
  onClick: (row: T) => void;
  testId?: string;
  /** Rows the action does not apply to (a child under a leaf, say). */
  hidden?: (row: T) => boolean;
};

export type RowDelete<T> = {
  permission: PermissionCode;
  /** What the confirmation names. */
  name: (row: T) => string;
  onDelete: (row: T) => Promise<unknown>;
  testId?: string;
  /** Why a row cannot be deleted, if it cannot. */
  blockedReason?: (row: T) => string | undefined;
};

/** A row's change history (its operation log), in a drawer: for records without a page of their own. */
export type RowHistory<T> = HistoryReading & {
  /** The entity as the audit log names it (`users`, `product_categories`…). */
  entity: string;
  /** The record's name, for the drawer's title. */
  name: (row: T) => string;
  /** The record's id; by default its `id`. */
  id?: (row: T) => string;
  /** The resource's cache name, when it differs from the entity's (`product-categories`). */
  cacheName?: string;
  /** Who may read it; by default those who may read the operation log. */
  permission?: PermissionCode;
  /** The link's test id; by default `history-<id>`. */
  testId?: string;
};

/** The `id` a record has (every resource's read model carries one). */
function recordId(row: unknown): string {
  const id = typeof row === "object" && row !== null && "id" in row ? row.id : undefined;
  return typeof id === "string" ? id : String(id);
}

/**
 * The actions column of a list: the row actions the user may take, then the row's history, delete
 * last behind a confirmation. No column at all when the user may take none, so it does not stand empty.
 */
export function useActionsColumn<T>({
  actions = [],
  history,
  remove,
  fixed = true,
}: {
  actions?: RowAction<T>[];
  history?: RowHistory<T>;
  remove?: RowDelete<T>;
  fixed?: boolean;
}): TableColumnType<T>[] {
  const { t } = useTranslation();
  const can = usePermission();
  const allowed = actions.filter((action) => can(action.permission));
  const readable = history && can(history.permission ?? "audit_logs:read") ? history : undefined;
  const deletable = remove && can(remove.permission) ? remove : undefined;
  if (allowed.length === 0 && !readable && !deletable) return [];
  return [
    {
      title: t("common:actions.actions"),
      key: "actions",
      ...(fixed ? { fixed: "right" as const } : {}),
      render: (_: unknown, row: T) => (
        <Space size={0} wrap>
          {allowed
            .filter((action) => !action.hidden?.(row))
            .map((action) => (
              <Button key={action.key} type="link" size="small" data-testid={action.testId} onClick={() => action.onClick(row)}>
                {action.label}
              </Button>
            ))}
          {readable && <RowHistoryButton history={readable} row={row} />}
          {deletable && (
            <ConfirmDelete
              name={deletable.name(row)}
              onDelete={() => deletable.onDelete(row)}
              testId={deletable.testId}
              blockedReason={deletable.blockedReason?.(row)}
            />
          )}
        </Space>
      ),
    },
  ];
}

function RowHistoryButton<T>({ history, row }: { history: RowHistory<T>; row: T }) {
  const { entity, name, id, cacheName, permission: _permission, testId, ...reading } = history;
  const entityId = id ? id(row) : recordId(row);
  return (
    <HistoryButton
      entity={entity}
      entityId={entityId}
      name={name(row)}
      cacheName={cacheName}
      buttonTestId={testId ?? `history-${entityId}`}
      {...reading}
    />
  );
}
