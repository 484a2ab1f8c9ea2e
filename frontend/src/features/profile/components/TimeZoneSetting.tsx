import { useMemo } from "react";
import { App, Form, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { browserTimeZone, timeZoneNames, useTimeZone } from "../../../shared/timeZone";

/**
 * The zone "today" is taken in (the customer list's quick filters) and exports are asked to print
 * times in. Kept per user in this browser; cleared, the browser's own zone applies.
 */
export function TimeZoneSetting() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { chosen, zone, save } = useTimeZone();
  const options = useMemo(() => timeZoneNames().map((name) => ({ value: name, label: name })), []);
  return (
    <Form layout="vertical">
      <Form.Item label={t("profile:timeZone.label")} extra={t("profile:timeZone.help")}>
        <Select
          showSearch
          allowClear
          value={chosen ?? undefined}
          placeholder={t("profile:timeZone.browser", { zone: browserTimeZone() })}
          options={options}
          onChange={(value: string | undefined) => {
            save(value ?? null);
            message.success(t("profile:timeZone.saved", { zone: value ?? browserTimeZone() }));
          }}
          style={{ maxWidth: 360 }}
          data-testid="profile-time-zone"
        />
      </Form.Item>
      <Typography.Text type="secondary" data-testid="profile-time-zone-current">
        {t("profile:timeZone.current", { zone })}
      </Typography.Text>
    </Form>
  );
}
