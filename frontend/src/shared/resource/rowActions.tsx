import { useState, type ReactNode } from "react";
import { App, Button, Dropdown, Popconfirm, Space, Tooltip, type MenuProps, type TableColumnType } from "antd";
import { EllipsisOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { PermissionCode } from "../../api/types";
import { usePermission } from "../../features/auth/api";
import { ConfirmDelete } from "../components/ConfirmDelete";
import { useProblemHandler } from "../hooks/useProblemHandler";
import type { HistoryReading } from "./ChangeHistory";
import { HistoryDrawer } from "./HistoryDrawer";

export type RowAction<T> = {
  key: string;
  label: string;
  permission?: PermissionCode;
  onClick: (row: T) => void | Promise<unknown>;
  testId?: string;
  /** Rows the action does not apply to (a child under a leaf, say). */
  hidden?: (row: T) => boolean;
  danger?: boolean;
  /** Why the action is greyed out for this row (a collaborator's customer, say), if it is. */
  blocked?: (row: T) => string | undefined;
  /** A question to confirm first; the OK button's test id is `<testId>-ok`. */
  confirm?: (row: T) => string;
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

/** The test id of the "…" button that opens a row's menu. */
export const ROW_MENU_TEST_ID = "row-actions";

/** Width a link button with this label takes, roughly: CJK glyphs are twice as wide as Latin ones. */
export function labelWidth(label: string): number {
  let width = 0;
  for (const char of label) width += char.charCodeAt(0) > 0x2e80 ? 14 : 7.5;
  return Math.ceil(width) + 16;
}

const MENU_BUTTON_WIDTH = 32;
/** A table cell's padding (antd's middle size), both sides. */
const CELL_PADDING = 16;

/**
 * The actions column's width: `inline` buttons of the widest label, then the menu button (or a
 * last button, when the menu would hold only it). A fixed width, so the table's scroll width adds
 * up and a right-fixed column never grows over the data.
 */
export function actionsColumnWidth(labels: readonly string[], inline: number): number {
  const widest = Math.max(0, ...labels.map(labelWidth));
  if (inline === 0) return MENU_BUTTON_WIDTH + CELL_PADDING;
  const shown = Math.min(inline, labels.length);
  const last = labels.length > inline ? Math.max(MENU_BUTTON_WIDTH, labels.length === inline + 1 ? widest : MENU_BUTTON_WIDTH) : 0;
  return shown * widest + last + CELL_PADDING;
}

/** One entry of a row's actions, whether it shows as a button or in the menu. */
type Entry = {
  key: string;
  label: string;
  testId?: string;
  danger?: boolean;
  /** Why it is greyed out. */
  blocked?: string;
  confirm?: string;
  /** Set for confirmations: the OK button's test id. */
  okTestId?: string;
  run: () => void | Promise<unknown>;
  /** What a delete says when it is done. */
  done?: string;
  /** The inline form, when it is not a plain link button (delete keeps its own confirmation). */
  inline?: ReactNode;
};

/**
 * A row's actions: the first `inline` as link buttons, the rest behind one "…" menu (a menu of one
 * shows as its button instead). Confirmations from the menu open as a dialog, as a popover has
 * nothing to hang on once the menu closes.
 */
function RowActions({ entries, inline, drawer }: { entries: Entry[]; inline: number; drawer?: ReactNode }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const onProblem = useProblemHandler();
  const runEntry = (entry: Entry) => {
    const go = () =>
      Promise.resolve(entry.run()).then(
        () => {
          if (entry.done) message.success(entry.done);
        },
        (error: unknown) => {
          onProblem(error);
        },
      );
    if (!entry.confirm) return void go();
    modal.confirm({
      title: entry.confirm,
      okText: t("common:confirm.yes"),
      cancelText: t("common:confirm.no"),
      okButtonProps: { danger: entry.danger, ...(entry.okTestId ? { "data-testid": entry.okTestId } : {}) },
      onOk: go,
    });
  };

  const showInline = inline > 0 && entries.length <= inline + 1 ? entries.length : inline;
  const buttons = entries.slice(0, showInline);
  const menu = entries.slice(showInline);
  const items: MenuProps["items"] = menu.map((entry) => ({
    key: entry.key,
    danger: entry.danger,
    disabled: !!entry.blocked,
    label: entry.blocked ? (
      <Tooltip title={entry.blocked} placement="left">
        <span data-testid={entry.testId}>{entry.label}</span>
      </Tooltip>
    ) : (
      <span data-testid={entry.testId}>{entry.label}</span>
    ),
  }));

  return (
    <Space size={0}>
      {buttons.map(
        (entry) =>
          entry.inline ?? (
            <InlineButton key={entry.key} entry={entry} onRun={() => void Promise.resolve(entry.run()).catch((error: unknown) => onProblem(error))} />
          ),
      )}
      {menu.length > 0 && (
        <Dropdown
          trigger={["click"]}
          // The column is at the table's right edge: open leftwards, over the row rather than off it.
          placement="bottomRight"
          menu={{
            items,
            onClick: ({ key, domEvent }) => {
              domEvent.stopPropagation();
              const entry = menu.find((e) => e.key === key);
              if (entry && !entry.blocked) runEntry(entry);
            },
          }}
        >
          <Button
            type="text"
            size="small"
            icon={<EllipsisOutlined />}
            aria-label={t("common:actions.more")}
            data-testid={ROW_MENU_TEST_ID}
            onClick={(event) => event.stopPropagation()}
          />
        </Dropdown>
      )}
      {/* React passes clicks out of the drawer's portal to the row: a clickable row must not take them. */}
      {drawer && <span onClick={(event) => event.stopPropagation()}>{drawer}</span>}
    </Space>
  );
}

function InlineButton({ entry, onRun }: { entry: Entry; onRun: () => void }) {
  const { t } = useTranslation();
  const button = (
    <Button type="link" size="small" danger={entry.danger} disabled={!!entry.blocked} data-testid={entry.testId} onClick={entry.confirm ? undefined : onRun}>
      {entry.label}
    </Button>
  );
  if (entry.blocked) return <Tooltip title={entry.blocked}>{button}</Tooltip>;
  if (!entry.confirm) return button;
  return (
    <Popconfirm
      title={entry.confirm}
      okText={t("common:confirm.yes")}
      cancelText={t("common:confirm.no")}
      okButtonProps={{ danger: entry.danger, ...(entry.okTestId ? { "data-testid": entry.okTestId } : {}) }}
      onConfirm={onRun}
    >
      {button}
    </Popconfirm>
  );
}

function HistoryRowActions<T>({ entries, inline, history, row }: { entries: Entry[]; inline: number; history: RowHistory<T>; row: T }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { entity, name, id, cacheName, permission: _permission, testId, ...reading } = history;
  const entityId = id ? id(row) : recordId(row);
  const historyEntry: Entry = { key: "history", label: t("common:history.action"), testId: testId ?? `history-${entityId}`, run: () => setOpen(true) };
  // History comes after the row's own actions, delete stays last.
  const last = entries.at(-1)?.key === "delete" ? entries.length - 1 : entries.length;
  const all = [...entries.slice(0, last), historyEntry, ...entries.slice(last)];
  const drawer = <HistoryDrawer open={open} onClose={() => setOpen(false)} entity={entity} entityId={entityId} name={name(row)} cacheName={cacheName} {...reading} />;
  return <RowActions entries={all} inline={inline} drawer={drawer} />;
}

/**
 * The actions column of a list: the row actions the user may take, then the row's history, delete
 * last behind a confirmation; the first `inline` show as buttons, the rest in a "…" menu, so the
 * column stays narrow and a fixed one does not hide data. No column at all when the user may take
 * none, so it does not stand empty.
 */
export function useActionsColumn<T>({
  actions = [],
  history,
  remove,
  fixed = true,
  inline = 1,
}: {
  actions?: RowAction<T>[];
  history?: RowHistory<T>;
  remove?: RowDelete<T>;
  fixed?: boolean;
  /** How many actions show as buttons before the menu (0: only the menu, for the narrowest column). */
  inline?: number;
}): TableColumnType<T>[] {
  const { t } = useTranslation();
  const can = usePermission();
  const allowed = actions.filter((action) => can(action.permission));
  const readable = history && can(history.permission ?? "audit_logs:read") ? history : undefined;
  const deletable = remove && can(remove.permission) ? remove : undefined;
  if (allowed.length === 0 && !readable && !deletable) return [];

  const labels = [...allowed.map((a) => a.label), ...(readable ? [t("common:history.action")] : []), ...(deletable ? [t("common:actions.delete")] : [])];
  const entriesOf = (row: T): Entry[] => [
    ...allowed
      .filter((action) => !action.hidden?.(row))
      .map((action) => ({
        key: action.key,
        label: action.label,
        testId: action.testId,
        danger: action.danger,
        blocked: action.blocked?.(row),
        confirm: action.confirm?.(row),
        okTestId: action.testId ? `${action.testId}-ok` : undefined,
        run: () => action.onClick(row),
      })),
    ...(deletable
      ? [
          {
            key: "delete",
            label: t("common:actions.delete"),
            testId: deletable.testId,
            danger: true,
            blocked: deletable.blockedReason?.(row),
            confirm: t("common:confirm.delete", { name: deletable.name(row) }),
            okTestId: deletable.testId ? `${deletable.testId}-ok` : undefined,
            run: () => deletable.onDelete(row),
            done: t("common:messages.deleted"),
            inline: (
              <ConfirmDelete
                key="delete"
                name={deletable.name(row)}
                onDelete={() => deletable.onDelete(row)}
                testId={deletable.testId}
                blockedReason={deletable.blockedReason?.(row)}
              />
            ),
          } satisfies Entry,
        ]
      : []),
  ];

  return [
    {
      title: t("common:actions.actions"),
      key: "actions",
      // Never narrower than its title, which would wrap ("Acti-ons").
      width: Math.max(actionsColumnWidth(labels, inline), labelWidth(t("common:actions.actions"))),
      ...(fixed ? { fixed: "right" as const } : {}),
      render: (_: unknown, row: T) =>
        readable ? <HistoryRowActions entries={entriesOf(row)} inline={inline} history={readable} row={row} /> : <RowActions entries={entriesOf(row)} inline={inline} />,
    },
  ];
}
