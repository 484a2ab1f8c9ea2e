import { Alert, App, Button, Flex, Skeleton, Switch, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { fallbackKindName, orderedKinds, useNotificationSettings, useSetEmail } from "../notificationSettings";

/** A kind's short name for the settings row; a kind this SPA has no name for reads as its code. */
function useKindName() {
  const { t } = useTranslation();
  return (kind: string) => t(`profile:notifications.kinds.${kind.replace(/\./g, "_")}`, { defaultValue: fallbackKindName(kind) });
}

/**
 * 通知设置: per kind of notification, in the app (always) and by e-mail (the user's choice). A
 * switch saves as it moves, as the time zone does; a failed save puts it back.
 */
export function NotificationSettings({ email, onAddEmail }: { email: string | null | undefined; onAddEmail: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const settings = useNotificationSettings();
  const setEmail = useSetEmail();
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

  const toggle = (kind: string, on: boolean) =>
    setEmail.mutate(
      { kind, email: on },
      {
        onSuccess: () => void message.success(t(on ? "profile:notifications.emailOn" : "profile:notifications.emailOff", { kind: kindName(kind) })),
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
      <Flex justify="space-between" align="center" gap={12} style={{ paddingBottom: 8, borderBottom: "1px solid rgba(5, 5, 5, 0.06)" }}>
        <Typography.Text type="secondary">{t("profile:notifications.kind")}</Typography.Text>
        <Flex gap={12}>
          <Typography.Text type="secondary" style={{ width: 56, textAlign: "center" }}>
            {t("profile:notifications.inApp")}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ width: 56, textAlign: "center" }}>
            {t("profile:notifications.email")}
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
                  onChange={(on) => toggle(item.kind, on)}
                  aria-label={t("profile:notifications.emailOf", { kind: name })}
                  data-testid="notification-setting-email"
                />
              </span>
            </Flex>
          </Flex>
        );
      })}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t("profile:notifications.help")}
      </Typography.Paragraph>
    </div>
  );
}
