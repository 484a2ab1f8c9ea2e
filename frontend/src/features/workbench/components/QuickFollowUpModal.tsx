import { useEffect } from "react";
import { App, Button, DatePicker, Form, Input, Modal, Select, Space } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useServerFieldErrors } from "../../../shared/resource/serverFieldErrors";
import { followUpsApi, useDictionary } from "../../customers/api";
import { dictionaryOptions } from "../../customers/dictionary";
import { workbenchKeys } from "../api";

// A follow-up logged straight from a workbench card: type, notes and the next time, nothing
// more (contacts, participants and a back-dated time are on the customer's page). The customer
// page's composer is being rebuilt separately; once it is a component of its own, this modal
// should host it instead of keeping a second form.

type Values = { kind: string; content: string; next_follow_up_at?: Dayjs | null };

export type FollowUpTarget = { id: string; name: string };

/** The next-time shortcuts a rep picks most: tomorrow morning, a few days on, next week. */
function presets(now: Dayjs): { key: string; label: string; value: Dayjs }[] {
  const tomorrow = now.add(1, "day").hour(10).minute(0).second(0).millisecond(0);
  const daysToMonday = ((8 - now.day()) % 7) || 7;
  return [
    { key: "tomorrow", label: "workbench:followUp.tomorrow", value: tomorrow },
    { key: "inThreeDays", label: "workbench:followUp.inThreeDays", value: tomorrow.add(2, "day") },
    { key: "nextWeek", label: "workbench:followUp.nextWeek", value: now.add(daysToMonday, "day").hour(10).minute(0).second(0).millisecond(0) },
  ];
}

export function QuickFollowUpModal({ customer, onClose }: { customer: FollowUpTarget | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const serverErrors = useServerFieldErrors(form);
  const kinds = useDictionary("follow_up_type");
  const create = followUpsApi.useCreate();
  const kindOptions = dictionaryOptions(kinds.data, i18n.language);
  const firstKind = kindOptions[0]?.value;

  // Each customer starts a fresh form, on the dictionary's first type (the one used most).
  useEffect(() => {
    if (!customer) return;
    form.resetFields();
    if (firstKind) form.setFieldsValue({ kind: firstKind });
  }, [customer, firstKind, form]);

  const onFinish = (values: Values) => {
    if (!customer) return;
    create.mutate(
      {
        customer_id: customer.id,
        kind: values.kind,
        content: values.content.trim(),
        next_follow_up_at: values.next_follow_up_at ? values.next_follow_up_at.toISOString() : null,
      },
      {
        onSuccess: () => {
          message.success(t("workbench:followUp.saved"));
          void queryClient.invalidateQueries({ queryKey: workbenchKeys.all });
          onClose();
        },
        onError: (e) => serverErrors.onError(e),
      },
    );
  };

  return (
    <Modal
      open={!!customer}
      title={customer ? t("workbench:followUp.title", { name: customer.name }) : undefined}
      onCancel={onClose}
      // Mounted while closed, so the form is there to reset when the next customer opens it.
      forceRender
      footer={null}
      data-testid="quick-follow-up"
    >
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} onValuesChange={serverErrors.onValuesChange} data-testid="quick-follow-up-form">
        <Form.Item name="kind" label={t("workbench:followUp.kind")} rules={[{ required: true }]}>
          <Select options={kindOptions} loading={kinds.isPending} data-testid="quick-follow-up-kind" />
        </Form.Item>
        <Form.Item name="content" label={t("workbench:followUp.content")} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={4} autoFocus placeholder={t("workbench:followUp.contentPlaceholder")} data-testid="quick-follow-up-content" />
        </Form.Item>
        <Form.Item label={t("workbench:followUp.next")} extra={t("workbench:followUp.nextHint")}>
          <Space direction="vertical" style={{ width: "100%" }}>
            <Form.Item name="next_follow_up_at" noStyle>
              <DatePicker
                showTime={{ format: "HH:mm" }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: "100%" }}
                disabledDate={(d) => d.isBefore(dayjs(), "day")}
                data-testid="quick-follow-up-next"
              />
            </Form.Item>
            <Space wrap size={[8, 4]}>
              {presets(dayjs()).map((preset) => (
                <Button key={preset.key} size="small" onClick={() => form.setFieldsValue({ next_follow_up_at: preset.value })} data-testid={`quick-next-${preset.key}`}>
                  {t(preset.label)}
                </Button>
              ))}
            </Space>
          </Space>
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={create.isPending} data-testid="quick-follow-up-submit">
          {t("workbench:followUp.submit")}
        </Button>
      </Form>
    </Modal>
  );
}
