import { useEffect } from "react";
import { Alert, App, Button, Card, Col, Form, Input, Row, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/problem";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { usePermission } from "../../auth/api";
import { COMPANY_FIELDS, companyBody, useCompany, useSaveCompany, type CompanyField } from "../companyApi";

type Values = Partial<Record<CompanyField, string | null>>;

const MAX: Record<CompanyField, number> = { name: 200, address: 500, phone: 50, email: 254, website: 200, tax_number: 50, bank_name: 100, bank_account: 50 };

/** 系统设置 → 公司信息: the header a quote's PDF prints (name, address, contacts, tax number, bank). */
export function CompanyProfilePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const can = usePermission();
  const canUpdate = can("settings:update");
  const company = useCompany();
  const save = useSaveCompany();
  const [form] = Form.useForm<Values>();
  const saved = company.data;

  useEffect(() => {
    if (!saved) return;
    form.resetFields();
    form.setFieldsValue(Object.fromEntries(COMPANY_FIELDS.map((f) => [f, saved.profile[f] ?? undefined])));
  }, [saved, form]);

  if (company.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (company.isError || !saved)
    return (
      <Alert
        type="error"
        showIcon
        message={t("settings:company.loadFailed")}
        action={
          <Button size="small" onClick={() => void company.refetch()}>
            {t("common:actions.refresh")}
          </Button>
        }
      />
    );

  const onFinish = (values: Values) =>
    save.mutate(
      { body: companyBody(values), version: saved.version },
      {
        onSuccess: () => void message.success(t("common:messages.saved")),
        onError: (e) => {
          if (e instanceof ApiError && e.status === 412) {
            void message.warning(t("common:messages.staleVersion"));
            void company.refetch();
            return;
          }
          onProblem(e, form);
        },
      },
    );

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={16}>
        <Card title={t("settings:company.title")}>
          <Alert type="info" showIcon message={t("settings:company.hint")} style={{ marginBottom: 16 }} />
          {!canUpdate && <Alert type="warning" showIcon message={t("settings:company.readOnly")} style={{ marginBottom: 16 }} />}
          <Form<Values> form={form} layout="vertical" disabled={!canUpdate} onFinish={onFinish} data-testid="company-form">
            <Row gutter={16}>
              {COMPANY_FIELDS.map((field) => (
                <Col key={field} xs={24} md={field === "name" || field === "address" ? 24 : 12}>
                  <Form.Item
                    name={field}
                    label={t(`settings:company.fields.${field}`)}
                    rules={[{ max: MAX[field] }, ...(field === "email" ? [{ type: "email" as const, message: t("settings:company.emailInvalid") }] : [])]}
                  >
                    <Input autoComplete="off" data-testid={`company-${field}`} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            {canUpdate && (
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="company-save">
                {t("common:actions.save")}
              </Button>
            )}
          </Form>
        </Card>
      </Col>
    </Row>
  );
}
