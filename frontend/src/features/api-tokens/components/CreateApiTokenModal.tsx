import { useMemo } from "react";
import { DatePicker, Form, Input, Modal, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { ApiTokenCreated, PermissionCode } from "../../../api/types";
import { useServerFieldErrors } from "../../../shared/resource/serverFieldErrors";
import { permissionLabel } from "../../../shared/systemText";
import { useMe } from "../../auth/api";
import { apiTokensApi, usePermissionCatalogue } from "../api";

type Values = { name: string; scopes: string[]; expires_at?: Dayjs };

type Props = { open: boolean; onClose: () => void; onCreated: (token: ApiTokenCreated) => void };

export function CreateApiTokenModal({ open, onClose, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const serverErrors = useServerFieldErrors(form);
  const catalogue = usePermissionCatalogue();
  const create = apiTokensApi.useCreate();
  const { data: me } = useMe();
  const zh = i18n.language.startsWith("zh");
  // A token can never do more than its owner, so only the owner's permissions are offered; the
  // catalogue only adds readable labels (and may be closed to users without the right to read it).
  const options = useMemo(() => {
    const mine = me?.permissions ?? [];
    const labels = new Map((catalogue.data ?? []).map((p) => [p.code, zh ? p.label_zh : p.label]));
    // The code stays beside the words: a token is for a script, whose author reads codes.
    return mine.map((code) => ({ value: code, label: `${permissionLabel(t, code, labels.get(code))} (${code})` }));
  }, [catalogue.data, me?.permissions, zh, t]);

  const onFinish = (values: Values) => {
    create.mutate(
      {
        name: values.name.trim(),
        // The options are the caller's own permission codes, as the server listed them in /me.
        scopes: values.scopes as PermissionCode[],
        // End of the chosen day, sent as an RFC 3339 UTC timestamp.
        expires_at: values.expires_at ? values.expires_at.endOf("day").toISOString() : null,
      },
      {
        onSuccess: (token) => {
          form.resetFields();
          onCreated(token);
        },
        onError: (e) => serverErrors.onError(e),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t("apiTokens:createTitle")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common:actions.save")}
      cancelText={t("common:actions.cancel")}
      confirmLoading={create.isPending}
      okButtonProps={{ "data-testid": "api-token-save" }}
      destroyOnHidden
    >
      <Form<Values> form={form} onValuesChange={serverErrors.onValuesChange} layout="vertical" onFinish={onFinish} preserve={false}>
        <Form.Item name="name" label={t("apiTokens:fields.name")} rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="scopes" label={t("apiTokens:fields.scopes")} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            loading={catalogue.isLoading}
            options={options}
            data-testid="api-token-scopes"
          />
        </Form.Item>
        <Form.Item name="expires_at" label={t("apiTokens:fields.expires_at")} extra={t("apiTokens:never")}>
          <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isBefore(new Date(), "day")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
