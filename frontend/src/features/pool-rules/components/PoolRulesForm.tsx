import { useEffect } from "react";
import { App, Button, Col, Form, InputNumber, Row, Space, Switch, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { PoolRules } from "../../../api/types";
import { useServerFieldErrors } from "../../../shared/resource/serverFieldErrors";
import { useSavePoolRules } from "../api";
import { formValues, LIMIT_FIELDS, rulesBody, type LimitField, type PoolRulesFormValues } from "../rules";

const UNITS: Record<LimitField, "days" | "customers"> = {
  return_after_days_without_follow_up: "days",
  return_after_days_without_deal: "days",
  max_customers_per_owner: "customers",
  reclaim_cooldown_days: "days",
};

type Props = { rules: PoolRules; editable: boolean };

/** The rules as a form; a blank limit switches that rule off. */
export function PoolRulesForm({ rules, editable }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PoolRulesFormValues>();
  const serverErrors = useServerFieldErrors(form);
  const save = useSavePoolRules();
  const enabled = Form.useWatch("enabled", form);

  useEffect(() => {
    form.setFieldsValue(formValues(rules));
  }, [rules, form]);

  const onFinish = (values: PoolRulesFormValues) =>
    save.mutate(
      { rules: rulesBody(values), version: rules.version },
      { onSuccess: () => void message.success(t("common:messages.saved")), onError: (e) => serverErrors.onError(e) },
    );

  return (
    <Form<PoolRulesFormValues> form={form} onValuesChange={serverErrors.onValuesChange} layout="vertical" onFinish={onFinish} disabled={!editable} style={{ maxWidth: 960 }} data-testid="pool-rules-form">
      <Form.Item name="enabled" label={t("poolRules:fields.enabled")} valuePropName="checked" extra={t("poolRules:hints.enabled")}>
        <Switch data-testid="pool-rules-enabled" />
      </Form.Item>
      <Row gutter={24}>
        {LIMIT_FIELDS.map((field) => (
          <Col key={field} xs={24} md={12}>
            <Form.Item
              name={field}
              label={t(`poolRules:fields.${field}`)}
              extra={t(`poolRules:hints.${field}`)}
              rules={[{ type: "integer", min: 1, message: t("poolRules:positiveInteger") }]}
            >
              <InputNumber
                min={1}
                precision={0}
                style={{ width: 260 }}
                placeholder={t("poolRules:off")}
                addonAfter={t(`poolRules:units.${UNITS[field]}`)}
                disabled={!editable || !enabled}
                data-testid={`pool-rules-${field}`}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item name="exempt_won" label={t("poolRules:fields.exempt_won")} valuePropName="checked" extra={t("poolRules:hints.exempt_won")}>
        <Switch disabled={!editable || !enabled} data-testid="pool-rules-exempt-won" />
      </Form.Item>
      {editable ? (
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="pool-rules-save">
            {t("common:actions.save")}
          </Button>
          <Button htmlType="button" onClick={() => form.setFieldsValue(formValues(rules))}>
            {t("common:actions.reset")}
          </Button>
        </Space>
      ) : (
        <Typography.Text type="secondary">{t("poolRules:readOnly")}</Typography.Text>
      )}
    </Form>
  );
}
