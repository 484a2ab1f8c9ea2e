import { useEffect } from "react";
import { App, Button, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import type { Me } from "../../../api/types";
import { useServerFieldErrors } from "../../../shared/resource/serverFieldErrors";
import { useUpdateMe } from "../api";

/** The form's name: its fields' ids are `profile_<field>`, so another card can point at one. */
export const PROFILE_FORM = "profile";

/** Scrolls to one of the form's fields and puts the cursor in it. */
function focusField(name: string): void {
  const input = document.getElementById(`${PROFILE_FORM}_${name}`);
  input?.scrollIntoView({ block: "center", behavior: "smooth" });
  input?.focus({ preventScroll: true });
}

/** Scrolls to the e-mail field and puts the cursor in it. */
export function focusEmailField(): void {
  focusField("email");
}

/** Scrolls to the phone field and puts the cursor in it. */
export function focusPhoneField(): void {
  focusField("phone");
}

type Values = { display_name: string; email?: string; phone?: string };

function orNull(value: string | undefined): string | null {
  return value === undefined || value.trim() === "" ? null : value.trim();
}

export function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateMe();
  const serverErrors = useServerFieldErrors(form);

  useEffect(() => {
    form.setFieldsValue({ display_name: me.display_name, email: me.email ?? undefined, phone: me.phone ?? undefined });
  }, [me, form]);

  const onFinish = (values: Values) =>
    update.mutate(
      { display_name: values.display_name.trim(), email: orNull(values.email), phone: orNull(values.phone) },
      { onSuccess: () => void message.success(t("common:messages.saved")), onError: (e) => serverErrors.onError(e) },
    );

  return (
    <Form<Values> form={form} name={PROFILE_FORM} onValuesChange={serverErrors.onValuesChange} layout="vertical" onFinish={onFinish} style={{ maxWidth: 420 }}>
      <Form.Item name="display_name" label={t("profile:fields.display_name")} rules={[{ required: true, whitespace: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="email" label={t("profile:fields.email")} rules={[{ type: "email" }]}>
        <Input />
      </Form.Item>
      <Form.Item name="phone" label={t("profile:fields.phone")}>
        <Input />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending}>
        {t("common:actions.save")}
      </Button>
    </Form>
  );
}
