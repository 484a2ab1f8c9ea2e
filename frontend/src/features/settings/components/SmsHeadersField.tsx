import { Button, Flex, Form, Input } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { duplicateHeaderNames, type HeaderRow } from "../sms";

// An HTTP header name (a token, RFC 9110); Host and Content-Length are the client's to set.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,64}$/;
const RESERVED = new Set(["host", "content-length"]);
const MAX_HEADERS = 20;

/** 请求头: name/value rows, added and removed one by one; the form's `headers` list. */
export function SmsHeadersField({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.List name="headers">
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={t("settings:sms.fields.headers")} extra={t("settings:sms.headersHint")} style={{ marginBottom: 24 }}>
          <Flex vertical gap={8} data-testid="sms-headers">
            {fields.map(({ key, name }) => (
              <Flex key={key} gap={8} align="start" data-testid="sms-header-row">
                <Form.Item
                  name={[name, "name"]}
                  style={{ flex: "2 1 0", minWidth: 0, marginBottom: 0 }}
                  dependencies={fields.map((f) => ["headers", f.name, "name"])}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: (_, value: string | undefined) => {
                        const trimmed = value?.trim() ?? "";
                        const row = getFieldValue(["headers", name]) as HeaderRow | undefined;
                        if (trimmed === "") return (row?.value ?? "").trim() === "" ? Promise.resolve() : Promise.reject(new Error(t("settings:sms.errors.headerNameRequired")));
                        if (!TOKEN.test(trimmed) || RESERVED.has(trimmed.toLowerCase())) return Promise.reject(new Error(t("settings:sms.errors.headerName")));
                        if (duplicateHeaderNames(getFieldValue("headers") as HeaderRow[]).has(trimmed.toLowerCase()))
                          return Promise.reject(new Error(t("settings:sms.errors.headerDuplicate")));
                        return Promise.resolve();
                      },
                    }),
                  ]}
                >
                  <Input placeholder={t("settings:sms.headerName")} aria-label={t("settings:sms.headerName")} autoComplete="off" spellCheck={false} data-testid="sms-header-name" />
                </Form.Item>
                <Form.Item name={[name, "value"]} style={{ flex: "3 1 0", minWidth: 0, marginBottom: 0 }}>
                  <Input placeholder={t("settings:sms.headerValue")} aria-label={t("settings:sms.headerValue")} autoComplete="off" spellCheck={false} data-testid="sms-header-value" />
                </Form.Item>
                {!disabled && (
                  <Button type="text" icon={<DeleteOutlined />} aria-label={t("settings:sms.removeHeader")} title={t("settings:sms.removeHeader")} onClick={() => remove(name)} data-testid="sms-header-remove" />
                )}
              </Flex>
            ))}
            {!disabled && fields.length < MAX_HEADERS && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: "", value: "" })} block data-testid="sms-header-add">
                {t("settings:sms.addHeader")}
              </Button>
            )}
            {fields.length === 0 && disabled && <span style={{ color: "rgba(0, 0, 0, 0.45)" }}>{t("settings:sms.noHeaders")}</span>}
            <Form.ErrorList errors={errors} />
          </Flex>
        </Form.Item>
      )}
    </Form.List>
  );
}
