import { App, Button, Card, Col, DatePicker, Empty, Form, Input, Row, Select, Space, Tag, Timeline, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { FollowUp } from "../../../api/types";
import { ConfirmDelete } from "../../../shared/components/ConfirmDelete";
import { formatDateTime } from "../../../shared/format";
import { useServerFieldErrors } from "../../../shared/resource/serverFieldErrors";
import { usePermission } from "../../auth/api";
import { followUpsApi, useContacts, useDictionary, useFollowUps } from "../api";
import { dictionaryLabel, dictionaryOptions } from "../dictionary";

type Values = { kind: string; contact_id?: string; content: string; occurred_at?: Dayjs | null; next_follow_up_at?: Dayjs | null };

/** Newest first, whatever order the server used. */
function newestFirst(items: readonly FollowUp[]): FollowUp[] {
  return [...items].sort((a, b) => b.occurred_at.localeCompare(a.occurred_at));
}

export function FollowUpsTab({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { message } = App.useApp();
  const can = usePermission();
  const [form] = Form.useForm<Values>();
  const serverErrors = useServerFieldErrors(form);
  const followUps = useFollowUps(customerId);
  const contacts = useContacts(customerId, can("contacts:read"));
  const kinds = useDictionary("follow_up_type");
  const create = followUpsApi.useCreate();
  const remove = followUpsApi.useDelete();
  const none = t("common:values.none");
  const contactName = new Map((contacts.data?.items ?? []).map((c) => [c.id, c.name]));

  const onFinish = (values: Values) => {
    create.mutate(
      {
        customer_id: customerId,
        kind: values.kind,
        contact_id: values.contact_id ?? null,
        content: values.content.trim(),
        occurred_at: values.occurred_at ? values.occurred_at.toISOString() : null,
        next_follow_up_at: values.next_follow_up_at ? values.next_follow_up_at.toISOString() : null,
      },
      {
        onSuccess: () => {
          message.success(t("customers:followUps.added"));
          form.resetFields();
        },
        onError: (e) => serverErrors.onError(e),
      },
    );
  };

  const items = newestFirst(followUps.data?.items ?? []);

  return (
    <Row gutter={24}>
      {can("follow_ups:create") && (
        <Col xs={24} lg={10}>
          <Card size="small" title={t("customers:followUps.add")}>
            <Form<Values> form={form} onValuesChange={serverErrors.onValuesChange} layout="vertical" onFinish={onFinish}>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="kind" label={t("customers:followUps.fields.kind")} rules={[{ required: true }]}>
                    <Select options={dictionaryOptions(kinds.data, language)} loading={kinds.isPending} data-testid="follow-up-kind" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="contact_id" label={t("customers:followUps.fields.contact")}>
                    <Select allowClear options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="content" label={t("customers:followUps.fields.content")} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={4} data-testid="follow-up-content" />
              </Form.Item>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="occurred_at" label={t("customers:followUps.fields.occurred_at")} extra={t("customers:followUps.occurredHint")}>
                    <DatePicker showTime style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs(), "day")} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="next_follow_up_at" label={t("customers:followUps.fields.next_follow_up_at")}>
                    <DatePicker showTime style={{ width: "100%" }} data-testid="follow-up-next" />
                  </Form.Item>
                </Col>
              </Row>
              <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="follow-up-submit">
                {t("customers:followUps.submit")}
              </Button>
            </Form>
          </Card>
        </Col>
      )}
      <Col xs={24} lg={can("follow_ups:create") ? 14 : 24}>
        {items.length === 0 ? (
          <Empty description={t("customers:followUps.empty")} />
        ) : (
          <Timeline
            style={{ paddingTop: 8 }}
            data-testid="follow-up-timeline"
            items={items.map((f) => ({
              key: f.id,
              children: (
                <div data-testid="follow-up-item">
                  <Space wrap>
                    <Tag color="blue">{dictionaryLabel(kinds.data, f.kind, language, none)}</Tag>
                    <Typography.Text type="secondary">{formatDateTime(f.occurred_at, none)}</Typography.Text>
                    {f.contact_id && <Typography.Text type="secondary">{contactName.get(f.contact_id) ?? ""}</Typography.Text>}
                    {can("follow_ups:delete") && (
                      <ConfirmDelete name={f.content} question={t("customers:followUps.confirmDelete")} onDelete={() => remove.mutateAsync(f)} />
                    )}
                  </Space>
                  <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: "4px 0" }}>{f.content}</Typography.Paragraph>
                  {f.next_follow_up_at && (
                    <Typography.Text type="warning">
                      {t("customers:followUps.nextAt", { time: formatDateTime(f.next_follow_up_at, none) })}
                    </Typography.Text>
                  )}
                </div>
              ),
            }))}
          />
        )}
      </Col>
    </Row>
  );
}
