import { Alert, App, Button, Flex, Skeleton, Switch, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { channelOn, fallbackKindName, orderedKinds, useNotificationSettings, useSetChannel, type Channel } from "../notificationSettings";

/** A kind's short name for the settings row; a kind this SPA has no name for reads as its code. */
function useKindName() {
  const { t } = useTranslation();
  return (kind: string) => t(`profile:notifications.kinds.${kind.replace(/\./g, "_")}`, { defaultValue: fallbackKindName(kind) });
}

/**
 * 通知设置: per kind of notification, in the app (always), by e-mail and by text message (the
 * user's choice). A switch saves as it moves, as the time zone does; a failed save puts it back.
 */
export function NotificationSettings({
  email,
  phone,
  onAddEmail,
  onAddPhone,
}: {
  email: string | null | undefined;
  phone: string | null | undefined;
  onAddEmail: () => void;
  onAddPhone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const settings = useNotificationSettings();
  const setChannel = useSetChannel();
  const kindName = useKindName();

  if (settings.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (settings.isError)
    return (
      <Alert
        type="error"
        showIcon
        message={t("profile:notifications.loadFailed")}
        action={
          <Button size="small" onClick={() => void settings.refetch()}>
            {t("profile:notifications.retry")}
          </Button>
        }
      />
    );

  const done = {
    email: { on: "profile:notifications.emailOn", off: "profile:notifications.emailOff" },
    sms: { on: "profile:notifications.smsOn", off: "profile:notifications.smsOff" },
  } as const;
  const toggle = (kind: string, channel: Channel, on: boolean) =>
    setChannel.mutate(
      { kind, channel, on },
      {
        onSuccess: () => void message.success(t(done[channel][on ? "on" : "off"], { kind: kindName(kind) })),
        onError: (e) => onProblem(e),
      },
    );

  return (
    <div data-testid="notification-settings">
      {!email && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="notification-settings-no-email"
          message={t("profile:notifications.noEmail")}
          action={
            <Button size="small" type="link" onClick={onAddEmail} data-testid="notification-settings-add-email">
              {t("profile:notifications.addEmail")}
            </Button>
          }
        />
      )}
      {!phone && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="notification-settings-no-phone"
          message={t("profile:notifications.noPhone")}
          action={
            <Button size="small" type="link" onClick={onAddPhone} data-testid="notification-settings-add-phone">
              {t("profile:notifications.addPhone")}
            </Button>
          }
        />
      )}
      <Flex justify="space-between" align="center" gap={12} style={{ paddingBottom: 8, borderBottom: "1px solid rgba(5, 5, 5, 0.06)" }}>
        <Typography.Text type="secondary">{t("profile:notifications.kind")}</Typography.Text>
        <Flex gap={12}>
          <Typography.Text type="secondary" style={{ width: 56, textAlign: "center" }}>
            {t("profile:notifications.inApp")}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ width: 56, textAlign: "center" }}>
            {t("profile:notifications.email")}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ width: 56, textAlign: "center" }}>
            {t("profile:notifications.sms")}
          </Typography.Text>
        </Flex>
      </Flex>
      {orderedKinds(settings.data.items).map((item) => {
        const name = kindName(item.kind);
        return (
          <Flex
            key={item.kind}
            justify="space-between"
            align="center"
            gap={12}
            style={{ padding: "10px 0", borderBottom: "1px solid rgba(5, 5, 5, 0.06)" }}
            data-testid="notification-setting"
            data-kind={item.kind}
          >
            <span title={item.kind} style={{ minWidth: 0 }}>
              {name}
            </span>
            <Flex gap={12} style={{ flex: "none" }}>
              <Tooltip title={t("profile:notifications.inAppAlways")}>
                <span style={{ width: 56, textAlign: "center" }}>
                  <Switch size="small" checked disabled aria-label={t("profile:notifications.inAppOf", { kind: name })} data-testid="notification-setting-in-app" />
                </span>
              </Tooltip>
              <span style={{ width: 56, textAlign: "center" }}>
                <Switch
                  size="small"
                  checked={item.email}
                  onChange={(on) => toggle(item.kind, "email", on)}
                  aria-label={t("profile:notifications.emailOf", { kind: name })}
                  data-testid="notification-setting-email"
                />
              </span>
              <span style={{ width: 56, textAlign: "center" }}>
                <Switch
                  size="small"
                  checked={channelOn(item, "sms")}
                  onChange={(on) => toggle(item.kind, "sms", on)}
                  aria-label={t("profile:notifications.smsOf", { kind: name })}
                  data-testid="notification-setting-sms"
                />
              </span>
            </Flex>
          </Flex>
        );
      })}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t("profile:notifications.help")}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0 }}>
        {t("profile:notifications.smsHelp")}
      </Typography.Paragraph>
    </div>
  );
}
