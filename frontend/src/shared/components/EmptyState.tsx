import type { ReactNode } from "react";
import { Button, Empty, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";

export type EmptyAction = { label: string; onClick: () => void; primary?: boolean; testId?: string; icon?: ReactNode };

type Props = {
  title: string;
  /** Why, in a sentence. */
  description?: string;
  /** The filters that are on, shown as tags. */
  filters?: readonly string[];
  /** The next steps, the first usually primary. */
  actions?: readonly EmptyAction[];
  testId?: string;
};

/** An empty list that says why it is empty and offers what to do next (a table's empty text). */
export function EmptyState({ title, description, filters, actions = [], testId = "empty-state" }: Props) {
  const { t } = useTranslation();
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      data-testid={testId}
      description={
        <Space direction="vertical" size={4} style={{ maxWidth: 480 }}>
          <Typography.Text strong>{title}</Typography.Text>
          {description && <Typography.Text type="secondary">{description}</Typography.Text>}
          {filters && filters.length > 0 && (
            <div data-testid={`${testId}-filters`}>
              <Typography.Text type="secondary">{t("common:empty.filtersOn")}</Typography.Text>{" "}
              {filters.map((f) => (
                <Tag key={f}>{f}</Tag>
              ))}
            </div>
          )}
        </Space>
      }
    >
      {actions.length > 0 && (
        <Space wrap style={{ justifyContent: "center" }}>
          {actions.map((a) => (
            <Button key={a.label} type={a.primary ? "primary" : "default"} icon={a.icon} onClick={a.onClick} data-testid={a.testId}>
              {a.label}
            </Button>
          ))}
        </Space>
      )}
    </Empty>
  );
}
