import { Button, Checkbox, Divider, Popover, Space, Typography } from "antd";
import { SettingOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { ColumnChooser as Chooser } from "../hooks/useColumnChooser";

type Props = {
  chooser: Chooser;
  /** The column title for each optional key. */
  label: (key: string) => string;
};

/** A button opening checkboxes for a list's optional columns. */
export function ColumnChooser({ chooser, label }: Props) {
  const { t } = useTranslation();
  const content = (
    <div data-testid="column-chooser" style={{ minWidth: 160, maxWidth: 240 }}>
      {chooser.overridden && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }} data-testid="column-chooser-view">
          {t("common:columns.fromView")}
        </Typography.Paragraph>
      )}
      <Space direction="vertical" size={4}>
        {chooser.options.map((option) => (
          <Checkbox
            key={option.key}
            checked={option.visible}
            onChange={(e) => chooser.setVisible(option.key, e.target.checked)}
            data-testid={`column-${option.key}`}
          >
            {label(option.key)}
          </Checkbox>
        ))}
      </Space>
      <Divider style={{ margin: "8px 0" }} />
      <Button type="link" size="small" style={{ padding: 0 }} onClick={chooser.reset}>
        {t("common:columns.reset")}
      </Button>
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title={t("common:columns.title")} content={content}>
      <Button icon={<SettingOutlined />} data-testid="column-chooser-open">
        {t("common:columns.button")}
      </Button>
    </Popover>
  );
}
