import { useState } from "react";
import { Button, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import { ConfirmDelete } from "../../../shared/components/ConfirmDelete";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { ResourceDetailPage } from "../../../shared/resource/ResourceDetailPage";
import { usePermission } from "../../auth/api";
import { useTestWebhook, webhooksApi, type WebhookDelivery } from "../api";
import { DeliveryLog } from "../components/DeliveryLog";
import { EnabledTag, EventTags } from "../components/EventTags";
import { SignatureHelp } from "../components/SignatureHelp";
import { TestResultModal } from "../components/TestResultModal";
import { MONO, WebhookFormDrawer } from "../components/WebhookFormDrawer";
import { eventsHistoryText } from "../events";
import { WEBHOOKS_PATH } from "../routes";

/** One webhook: where it sends what, a test delivery, its delivery log, the receiver's guide and its change history. */
export function WebhookDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = usePermission();
  const onProblem = useProblemHandler();
  const webhook = webhooksApi.useGet(id);
  const remove = webhooksApi.useDelete();
  const test = useTestWebhook(id);
  const [editing, setEditing] = useState(false);
  const [result, setResult] = useState<WebhookDelivery | null>(null);

  const sendTest = () => test.mutate(undefined, { onSuccess: setResult, onError: (e) => onProblem(e) });

  return (
    <ResourceDetailPage
      record={webhook}
      listPath={WEBHOOKS_PATH}
      backLabel={t("webhooks:detail.backToList")}
      notFoundLabel={t("webhooks:detail.notFound")}
      title={(w) => w.name}
      titleTestId="webhook-title"
      titleExtra={(w) => <EnabledTag enabled={w.enabled} />}
      subtitle={(w) => (
        <>
          <Typography.Text copyable style={{ ...MONO, overflowWrap: "anywhere" }} data-testid="webhook-url-text">
            {w.url}
          </Typography.Text>
          <EventTags events={w.events} max={6} />
        </>
      )}
      actions={(w) => (
        <>
          {can("webhooks:update") && (
            <Button loading={test.isPending} onClick={sendTest} data-testid="webhook-test">
              {t("webhooks:test.send")}
            </Button>
          )}
          {can("webhooks:update") && (
            <Button type="primary" onClick={() => setEditing(true)} data-testid="webhook-edit">
              {t("common:actions.edit")}
            </Button>
          )}
          {can("webhooks:delete") && (
            <ConfirmDelete variant="button" name={w.name} onDelete={() => remove.mutateAsync(w)} onDeleted={() => navigate(WEBHOOKS_PATH, { replace: true })} testId="webhook-delete" />
          )}
        </>
      )}
      tabs={(w) => [
        { key: "deliveries", label: t("webhooks:detail.tabs.deliveries"), children: <DeliveryLog webhookId={w.id} /> },
        { key: "receiving", label: t("webhooks:detail.tabs.receiving"), children: <SignatureHelp /> },
      ]}
      history={{
        entity: "webhooks",
        id: (w) => w.id,
        label: t("common:history.tab"),
        fields: "webhooks:fields",
        valueText: eventsHistoryText(t),
      }}
      overlays={(w) => (
        <>
          <WebhookFormDrawer open={editing} webhook={w} onClose={() => setEditing(false)} />
          <TestResultModal result={result} url={w.url} onClose={() => setResult(null)} />
        </>
      )}
    />
  );
}
