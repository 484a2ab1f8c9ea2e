import { Alert, App, Popconfirm, Skeleton, Space, Switch, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/problem";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { usePermission } from "../../auth/api";
import { useSaveWebhookSettings, useWebhookSettings } from "../api";

/**
 * The installation's "allow private targets" (`settings:read` to see, `settings:update` to
 * change): off by default, as a webhook must not reach the server's neighbours. Turning it on is
 * confirmed first and, while on, a warning stays in view.
 */
export function PrivateTargetsSetting() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const can = usePermission();
  const readable = can("settings:read");
  const editable = can("settings:update");
  const settings = useWebhookSettings(readable);
  const save = useSaveWebhookSettings();
  if (!readable) return null;
  if (settings.isPending) return <Skeleton active title={false} paragraph={{ rows: 2 }} />;
  if (settings.isError) return null;

  const allowed = settings.data.settings.allow_private_targets;
  const change = (on: boolean) =>
    save.mutate(
      { body: { allow_private_targets: on }, etag: settings.data.etag },
      {
        onSuccess: () => void message.success(t(on ? "webhooks:privateTargets.turnedOn" : "webhooks:privateTargets.turnedOff")),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            void message.warning(t("webhooks:privateTargets.stale"));
            void settings.refetch();
            return;
          }
          onProblem(error);
        },
      },
    );

  const toggle = (
    <Switch
      checked={allowed}
      loading={save.isPending}
      disabled={!editable}
      // Turning off needs no second thought; turning on is asked in the confirmation around it.
      onChange={(on) => {
        if (!on) change(false);
      }}
      aria-label={t("webhooks:privateTargets.label")}
      data-testid="webhook-private-targets"
      data-state={allowed ? "on" : "off"}
    />
  );

  return (
    <Alert
      type={allowed ? "warning" : "info"}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="webhook-private-targets-setting"
      message={
        <Space size={8} wrap>
          {editable && !allowed ? (
            <Popconfirm
              title={t("webhooks:privateTargets.confirm")}
              okText={t("common:confirm.yes")}
              cancelText={t("common:confirm.no")}
              okButtonProps={{ danger: true, "data-testid": "webhook-private-targets-ok" }}
              onConfirm={() => change(true)}
              styles={{ root: { maxWidth: 360 } }}
            >
              {toggle}
            </Popconfirm>
          ) : (
            toggle
          )}
          <Typography.Text strong>{t("webhooks:privateTargets.label")}</Typography.Text>
        </Space>
      }
      description={
        <>
          {t(allowed ? "webhooks:privateTargets.on" : "webhooks:privateTargets.off")}
          {!editable && (
            <Typography.Text type="secondary" style={{ display: "block", marginTop: 4 }}>
              {t("webhooks:privateTargets.readOnly")}
            </Typography.Text>
          )}
        </>
      }
    />
  );
}
