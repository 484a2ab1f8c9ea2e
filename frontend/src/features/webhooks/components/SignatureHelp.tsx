import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { MONO } from "./WebhookFormDrawer";

const CODE = { ...MONO, fontSize: 13, margin: "0 0 12px", padding: "8px 12px", borderRadius: 6, background: "rgba(0, 0, 0, 0.04)", whiteSpace: "pre-wrap", overflowWrap: "anywhere" } as const;

// What every delivery looks like on the wire: the same in both languages (header names are code).
const HEADERS = [
  "POST <url>",
  "Content-Type: application/json",
  "X-CRM-Event: customer.updated",
  "X-CRM-Event-Id: <event id>",
  "X-CRM-Signature: t=<unix seconds>,v1=<hex>",
  "",
  '{"id": "<event id>", "event": "customer.updated", "created_at": "…", "webhook_id": "…", "data": {…}}',
].join("\n");
const FORMULA = 'v1 = hex(HMAC-SHA256(secret, t + "." + body))';

/** What a receiver needs to know: the headers, checking the signature, deduplicating, answering in time. */
export function SignatureHelp() {
  const { t } = useTranslation();
  return (
    <div data-testid="webhook-signature-help" style={{ maxWidth: 860 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t("webhooks:signature.title")}
      </Typography.Title>
      <Typography.Paragraph>{t("webhooks:signature.intro")}</Typography.Paragraph>
      <pre style={CODE} translate="no">
        {HEADERS}
      </pre>
      <pre style={CODE} translate="no">
        {FORMULA}
      </pre>
      <Typography.Paragraph>{t("webhooks:signature.verify")}</Typography.Paragraph>
      <Typography.Paragraph>{t("webhooks:signature.dedupe")}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t("webhooks:signature.retry")}
      </Typography.Paragraph>
    </div>
  );
}
