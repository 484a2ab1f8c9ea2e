import { Alert, Button, Descriptions, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { WebhookDelivery } from "../api";
import { deliveryStatusView } from "../deliveries";

type Props = { result: WebhookDelivery | null; url: string; onClose: () => void };

/** What "send test" came to: delivered or not, the receiver's status, how long it took, and why it failed. */
export function TestResultModal({ result, url, onClose }: Props) {
  const { t } = useTranslation();
  const none = t("common:values.none");
  const delivered = result?.status === "delivered";
  return (
    <Modal
      open={!!result}
      title={t("webhooks:test.title")}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="webhook-test-close">
          {t("common:actions.close")}
        </Button>
      }
      destroyOnHidden
    >
      {result && (
        <div data-testid="webhook-test-result" data-outcome={result.status}>
          <Alert
            type={delivered ? "success" : "error"}
            showIcon
            message={delivered ? t("webhooks:test.delivered") : t("webhooks:test.failed")}
            description={t("webhooks:test.sent", { url })}
            style={{ marginBottom: 16, overflowWrap: "anywhere" }}
          />
          <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: "nowrap" } }}>
            <Descriptions.Item label={t("webhooks:deliveries.fields.status")}>{deliveryStatusView(t, result.status).text}</Descriptions.Item>
            <Descriptions.Item label={t("webhooks:deliveries.fields.response_status")}>
              <span data-testid="webhook-test-status">{result.response_status ?? t("webhooks:deliveries.noAnswer")}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t("webhooks:deliveries.fields.duration_ms")}>{t("webhooks:deliveries.ms", { n: result.duration_ms })}</Descriptions.Item>
            <Descriptions.Item label={t("webhooks:deliveries.fields.error")}>
              {result.error ? (
                // The receiver's or the network's own words: shown as they are.
                <Typography.Text type="danger" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} data-testid="webhook-test-error">
                  {result.error}
                </Typography.Text>
              ) : (
                none
              )}
            </Descriptions.Item>
          </Descriptions>
        </div>
      )}
    </Modal>
  );
}
