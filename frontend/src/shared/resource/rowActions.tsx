import { Button, Space, type TableColumnType } from "antd";
import { useTranslation } from "react-i18next";
import type { PermissionCode } from "../../api/types";
import { usePermission } from "../../features/auth/api";
import { ConfirmDelete } from "../components/ConfirmDelete";

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

/**
 * The actions column of a list: the row actions the user may take, delete last behind a
 * confirmation. No column at all when the user may take none, so it does not stand empty.
 */
export function useActionsColumn<T>({ actions = [], remove, fixed = true }: { actions?: RowAction<T>[]; remove?: RowDelete<T>; fixed?: boolean }): TableColumnType<T>[] {
  const { t } = useTranslation();
  const can = usePermission();
  const allowed = actions.filter((action) => can(action.permission));
  const deletable = remove && can(remove.permission) ? remove : undefined;
  if (allowed.length === 0 && !deletable) return [];
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
