import { useEffect, useMemo, useState } from "react";
import { Alert, App, Button, Form, Input, Select, Space, Switch, Typography, type FormInstance } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError, labelledFieldErrorText, problemMessage } from "../../../api/problem";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { webhooksApi, useWebhookEvents, type Webhook, type WebhookEvent } from "../api";
import { eventOptions, nextEventSelection } from "../events";
import { webhookFormErrors } from "../formErrors";
import { generateSecret, SECRET_MAX, SECRET_MIN } from "../secret";

export type WebhookFormValues = { name: string; url: string; events: string[]; secret?: string; enabled: boolean };

export const MONO = { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" } as const;

function formValues(webhook: Webhook | null): Partial<WebhookFormValues> {
  if (!webhook) return { events: [], enabled: true };
  return { name: webhook.name, url: webhook.url, events: webhook.events, enabled: webhook.enabled };
}

type Props = { open: boolean; webhook: Webhook | null; onClose: () => void; onCreated?: (webhook: Webhook) => void };

/**
 * A webhook's form: name, URL, the events it hears (from the server's catalogue, by their names
 * in the user's language), the signing secret (write-only: required for a new one, blank keeps
 * the stored one; a random one can be generated) and whether it is on.
 */
export function WebhookFormDrawer({ open, webhook, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<WebhookFormValues>();
  const create = webhooksApi.useCreate();
  const update = webhooksApi.useUpdate();
  const catalogue = useWebhookEvents(open);
  const chosen = Form.useWatch("events", form) as string[] | undefined;
  const secret = Form.useWatch("secret", form) as string | undefined;
  // Whether the secret shown was generated here: the user is told to copy it before saving.
  const [generated, setGenerated] = useState(false);
  useEffect(() => {
    if (open) setGenerated(false);
  }, [open, webhook]);

  const options = useMemo(() => eventOptions(t, catalogue.data?.events ?? [], chosen ?? []), [t, catalogue.data, chosen]);

  const submit = (values: WebhookFormValues) => {
    // The options are the server's own catalogue (GET /webhooks/events), whose names the document lists.
    const body = { name: values.name.trim(), url: values.url.trim(), events: values.events as WebhookEvent[], enabled: values.enabled };
    const typed = values.secret?.trim() ? values.secret : undefined;
    if (webhook) return update.mutateAsync({ record: webhook, patch: { ...body, ...(typed ? { secret: typed } : {}) } });
    return create.mutateAsync({ ...body, secret: typed ?? null });
  };

  // Field errors in the webhook's own words (an event by its name, the secret's length), the
  // rest as a message beside the form.
  const explainProblem = (error: unknown, shown: FormInstance<WebhookFormValues>) => {
    if (!(error instanceof ApiError) || error.status !== 422 || error.problem.errors.length === 0) return false;
    const { fields, rest } = webhookFormErrors(t, error.problem.errors, (shown.getFieldValue("events") as string[] | undefined) ?? []);
    shown.setFields(fields);
    if (rest.length > 0) void message.error([problemMessage(error.problem), ...rest.map((e) => labelledFieldErrorText(e))].join("; "));
    return true;
  };

  const generate = () => {
    form.setFieldsValue({ secret: generateSecret() });
    setGenerated(true);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret ?? "");
      message.success(t("common:messages.copied"));
    } catch {
      message.error(t("common:messages.copyFailed"));
    }
  };

  return (
    <ResourceFormDrawer<WebhookFormValues, Webhook>
      open={open}
      title={webhook ? t("webhooks:editTitle", { name: webhook.name }) : t("webhooks:createTitle")}
      onClose={onClose}
      initialValues={formValues(webhook)}
      recordKey={webhook}
      form={form}
      onSubmit={submit}
      onSaved={(saved) => !webhook && onCreated?.(saved)}
      successMessage={t(webhook ? "common:messages.saved" : "common:messages.created")}
      explainProblem={explainProblem}
      saveTestId="webhook-save"
      width={600}
    >
      <Form.Item name="name" label={t("webhooks:fields.name")} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
        <Input placeholder={t("webhooks:form.namePlaceholder")} autoComplete="off" data-testid="webhook-name" />
      </Form.Item>
      <Form.Item
        name="url"
        label={t("webhooks:fields.url")}
        rules={[
          { required: true, whitespace: true },
          { pattern: /^\s*https?:\/\/\S+\s*$/i, message: t("webhooks:form.urlInvalid") },
          { max: 2000 },
        ]}
      >
        <Input placeholder={t("webhooks:form.urlPlaceholder")} inputMode="url" autoComplete="off" spellCheck={false} style={MONO} data-testid="webhook-url" />
      </Form.Item>
      <Form.Item
        name="events"
        label={t("webhooks:fields.events")}
        extra={t("webhooks:form.eventsHint")}
        rules={[{ required: true, type: "array", min: 1 }]}
        normalize={(next: string[] | undefined, previous: string[] | undefined) => nextEventSelection(previous ?? [], next ?? [])}
      >
        <Select
          mode="multiple"
          allowClear
          loading={catalogue.isLoading}
          placeholder={t("webhooks:form.eventsPlaceholder")}
          options={options}
          // The name or the code: whoever integrates knows the codes.
          filterOption={(input, option) => {
            const needle = input.trim().toLowerCase();
            const value = option && "value" in option ? option.value : "";
            const label = option?.label ?? "";
            return value.toLowerCase().includes(needle) || label.toLowerCase().includes(needle);
          }}
          optionRender={(option) => (
            <Space size={8} style={{ width: "100%", justifyContent: "space-between" }}>
              <span>{option.label}</span>
              {typeof option.value === "string" && option.value.includes(".") && (
                <Typography.Text type="secondary" style={{ ...MONO, fontSize: 12 }}>
                  {option.value}
                </Typography.Text>
              )}
            </Space>
          )}
          data-testid="webhook-events"
        />
      </Form.Item>
      <Form.Item
        label={t("webhooks:fields.secret")}
        required={!webhook}
        extra={webhook ? t("webhooks:form.secretEditHint") : t("webhooks:form.secretCreateHint")}
      >
        <Space.Compact style={{ width: "100%" }}>
          <Form.Item
            name="secret"
            noStyle
            rules={[
              ...(webhook ? [] : [{ required: true, message: t("webhooks:form.errors.secretRequired") }]),
              { min: SECRET_MIN, max: SECRET_MAX, message: t("webhooks:form.secretLength") },
            ]}
          >
            <Input
              autoComplete="off"
              spellCheck={false}
              placeholder={webhook ? t("webhooks:form.secretEditPlaceholder") : t("webhooks:form.secretLength")}
              style={MONO}
              data-testid="webhook-secret"
            />
          </Form.Item>
          {/* Words rather than icons: the first page's size budget is tight, and a new icon here tips
              the bundler's chunk merging into loading more on it. */}
          <Button disabled={!secret} onClick={() => void copy()} aria-label={t("webhooks:form.secretCopy")} data-testid="webhook-secret-copy">
            {t("common:actions.copy")}
          </Button>
          <Button onClick={generate} data-testid="webhook-secret-generate">
            {t("webhooks:form.secretGenerate")}
          </Button>
        </Space.Compact>
      </Form.Item>
      {generated && secret && <Alert type="warning" showIcon message={t("webhooks:form.secretGenerated")} style={{ marginTop: -8, marginBottom: 24 }} data-testid="webhook-secret-warning" />}
      <Form.Item name="enabled" label={t("webhooks:fields.enabled")} valuePropName="checked" extra={t("webhooks:form.enabledHint")}>
        <Switch data-testid="webhook-enabled" />
      </Form.Item>
    </ResourceFormDrawer>
  );
}
