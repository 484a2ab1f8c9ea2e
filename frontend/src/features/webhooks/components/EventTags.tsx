import { Space, Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { ALL_EVENTS, eventLabel } from "../events";

/** The events a webhook hears as tags, by name (code on hover); past `max`, a "+n" tag lists the rest. */
export function EventTags({ events, max = 3 }: { events: readonly string[]; max?: number }) {
  const { t } = useTranslation();
  const shown = events.slice(0, max);
  const hidden = events.slice(max);
  return (
    <Space size={[0, 4]} wrap data-testid="webhook-events-tags">
      {shown.map((event) => (
        <Tooltip key={event} title={event === ALL_EVENTS ? undefined : event}>
          <Tag color={event === ALL_EVENTS ? "blue" : undefined} data-event={event}>
            {eventLabel(t, event)}
          </Tag>
        </Tooltip>
      ))}
      {hidden.length > 0 && (
        <Tooltip title={hidden.map((event) => eventLabel(t, event)).join(t("common:history.separator"))}>
          <Tag>{t("webhooks:moreEvents", { n: hidden.length })}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/** On or off. */
export function EnabledTag({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={enabled ? "success" : "default"} data-testid="webhook-enabled-tag" data-enabled={enabled}>
      {t(enabled ? "webhooks:enabled.on" : "webhooks:enabled.off")}
    </Tag>
  );
}
