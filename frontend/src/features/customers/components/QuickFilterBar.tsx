import { Space, Tag, theme, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { IDLE_DAYS, type QuickFilters } from "../quickFilters";

/**
 * `onChange` takes a change to apply to the filters as they are when it runs, not a new value
 * made from this render's: two quick clicks (one chip off, another on) would otherwise have the
 * second undo the first while the router re-renders.
 */
type Props = { value: QuickFilters; onChange: (change: (current: QuickFilters) => QuickFilters) => void };

/** One-click follow-up filters; each toggles, the "no follow-up in N days" ones replace each other. */
export function QuickFilterBar({ value, onChange }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  // A checkable tag has no border of its own; unchecked it would read as plain text, not a button.
  const outline = (checked: boolean) => ({ border: `1px solid ${checked ? token.colorPrimary : token.colorBorder}`, paddingInline: 8 });
  const toggle = (key: "due_today" | "overdue") => onChange((current) => ({ ...current, [key]: !current[key] || undefined }));
  return (
    <Space size={[4, 8]} wrap style={{ marginBottom: 12 }} data-testid="quick-filters">
      <Typography.Text type="secondary">{t("customers:quick.label")}</Typography.Text>
      <Tag.CheckableTag checked={!!value.due_today} style={outline(!!value.due_today)} onChange={() => toggle("due_today")} data-testid="quick-due_today">
        {t("customers:quick.due_today")}
      </Tag.CheckableTag>
      <Tag.CheckableTag checked={!!value.overdue} style={outline(!!value.overdue)} onChange={() => toggle("overdue")} data-testid="quick-overdue">
        {t("customers:quick.overdue")}
      </Tag.CheckableTag>
      {IDLE_DAYS.map((days) => (
        <Tag.CheckableTag
          key={days}
          checked={value.idle === days}
          style={outline(value.idle === days)}
          onChange={(checked) => onChange((current) => ({ ...current, idle: checked ? days : undefined }))}
          data-testid={`quick-idle-${days}`}
        >
          {t("customers:quick.idle", { days })}
        </Tag.CheckableTag>
      ))}
    </Space>
  );
}
