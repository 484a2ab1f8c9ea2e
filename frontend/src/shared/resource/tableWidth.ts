/** antd's selection column (the row checkboxes). */
export const SELECTION_COLUMN_WIDTH = 32;

/**
 * The table's scroll width: the sum of the shown columns' widths when every one has a numeric
 * width, so the fixed columns sit beside the others instead of over them; `max-content` when a
 * column sizes itself, as the sum would be a guess.
 */
export function tableScrollX(columns: readonly { width?: number | string }[], selectable = false): number | "max-content" {
  let total = selectable ? SELECTION_COLUMN_WIDTH : 0;
  for (const column of columns) {
    if (typeof column.width !== "number") return "max-content";
    total += column.width;
  }
  return total;
}
