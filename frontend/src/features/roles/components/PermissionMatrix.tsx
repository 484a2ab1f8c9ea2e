import { useMemo } from "react";
import { Checkbox, Table, Tooltip, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { Permission } from "../../../api/types";
import { permissionActionLabel, permissionLabel, permissionModuleLabel } from "../../../shared/systemText";
import { buildMatrix, rowState, toggleCode, toggleRow, type MatrixRow } from "../matrix";

type Props = {
  catalogue: readonly Permission[];
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
};

/** Rows are modules, columns actions; a form control whose value is the list of permission codes. */
export function PermissionMatrix({ catalogue, value = [], onChange, disabled }: Props) {
  const { t, i18n } = useTranslation();
  const matrix = useMemo(() => buildMatrix(catalogue), [catalogue]);
  const selected = useMemo(() => new Set(value), [value]);
  const zh = i18n.language.startsWith("zh");

  const columns: TableColumnsType<MatrixRow> = [
    {
      title: t("roles:matrix.module"),
      key: "module",
      fixed: "left",
      render: (_, row) => {
        const state = rowState(row, selected);
        return (
          <Tooltip title={t("roles:matrix.selectRow")}>
            <Checkbox
              data-testid={`perm-row-${row.module}`}
              checked={state === "all"}
              indeterminate={state === "some"}
              disabled={disabled}
              onChange={(e) => onChange?.(toggleRow(row, value, e.target.checked))}
            >
              {permissionModuleLabel(t, row.module, zh ? row.labelZh : row.label)}
            </Checkbox>
          </Tooltip>
        );
      },
    },
    ...matrix.actions.map((action) => ({
      title: permissionActionLabel(t, action),
      key: action,
      align: "center" as const,
      render: (_: unknown, row: MatrixRow) => {
        const permission = row.cells.get(action);
        if (!permission) return null;
        // In words only: an admin picks 查看客户, not `customers:read`.
        const label = permissionLabel(t, permission.code, zh ? permission.label_zh : permission.label);
        return (
          <Tooltip title={label}>
            <Checkbox
              data-testid={`perm-${permission.code}`}
              aria-label={label}
              checked={selected.has(permission.code)}
              disabled={disabled}
              onChange={(e) => onChange?.(toggleCode(value, permission.code, e.target.checked))}
            />
          </Tooltip>
        );
      },
    })),
  ];

  return (
    <Table<MatrixRow>
      rowKey="module"
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={matrix.rows}
      scroll={{ x: "max-content", y: 360 }}
    />
  );
}
