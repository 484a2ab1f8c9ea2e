import { Button, DatePicker, Form, Input, Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import { UserPicker } from "../../../shared/components/UserPicker";
import { useDictionary } from "../../customers/api";
import { dictionaryOptions } from "../../customers/dictionary";
import type { InteractionSearchValues } from "../filters";

type Props = { onSearch: (values: InteractionSearchValues) => void };

export function InteractionSearchForm({ onSearch }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<InteractionSearchValues>();
  const kinds = useDictionary("follow_up_type");

  return (
    <Form<InteractionSearchValues> form={form} layout="inline" onFinish={onSearch} style={{ marginBottom: 16, rowGap: 8 }}>
      <Form.Item name="occurred" label={t("interactions:fields.occurred_at")}>
        <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="interaction-range" />
      </Form.Item>
      <Form.Item name="q" label={t("interactions:search.q")}>
        <Input allowClear placeholder={t("interactions:search.qPlaceholder")} style={{ width: 200 }} data-testid="interaction-search-q" />
      </Form.Item>
      <Form.Item name="kinds" label={t("interactions:fields.kind")}>
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          style={{ width: 200 }}
          options={dictionaryOptions(kinds.data, i18n.language)}
          loading={kinds.isPending}
          data-testid="interaction-kind"
        />
      </Form.Item>
      <Form.Item name="owner_id" label={t("interactions:fields.owner")}>
        <UserPicker style={{ width: 240 }} data-testid="interaction-owner" />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="interaction-search">
            {t("common:actions.search")}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onSearch({});
            }}
          >
            {t("common:actions.reset")}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
