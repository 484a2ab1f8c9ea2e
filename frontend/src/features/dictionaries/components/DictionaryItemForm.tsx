import { Form, Input, InputNumber, Switch } from "antd";
import { useTranslation } from "react-i18next";
import type { DictionaryItem } from "../../../api/types";
import { useCreateDictionaryItem, useUpdateDictionaryItem, type DictionaryKindCode } from "../../../shared/dictionaries";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";

type Values = { code: string; label_zh: string; label_en: string; sort_order?: number | null; enabled?: boolean };

/** `item` null: a new code of `kind`; an item: its labels, order and state. Open while `target` is set. */
export type DictionaryFormTarget = { item: DictionaryItem | null } | null;

type Props = { kind: DictionaryKindCode; target: DictionaryFormTarget; onClose: () => void };

// The API's rules, so most mistakes show before the round trip.
const CODE_RULES = [{ required: true }, { max: 64 }, { pattern: /^[a-z0-9_]+$/ }];
const LABEL_RULES = [{ required: true, whitespace: true }, { max: 100 }];

export function DictionaryItemForm({ kind, target, onClose }: Props) {
  const { t } = useTranslation();
  const create = useCreateDictionaryItem(kind);
  const update = useUpdateDictionaryItem(kind);
  const item = target?.item ?? null;

  const submit = (values: Values) => {
    const labels = { label_zh: values.label_zh.trim(), label_en: values.label_en.trim(), sort_order: values.sort_order ?? null };
    return item ? update.mutateAsync({ item, patch: { ...labels, enabled: values.enabled } }) : create.mutateAsync({ ...labels, code: values.code.trim() });
  };

  return (
    <ResourceFormDrawer<Values>
      container="modal"
      open={!!target}
      title={item ? t("dictionaries:editTitle", { code: item.code }) : t("dictionaries:createTitle", { kind: t(`dictionaries:kinds.${kind}`) })}
      onClose={onClose}
      initialValues={item ? { code: item.code, label_zh: item.label_zh, label_en: item.label_en, sort_order: item.sort_order, enabled: item.enabled } : {}}
      recordKey={target}
      onSubmit={submit}
      successMessage={t(item ? "common:messages.saved" : "common:messages.created")}
      saveTestId="dictionary-save"
    >
      <Form.Item name="code" label={t("dictionaries:fields.code")} rules={item ? [] : CODE_RULES} extra={item ? undefined : t("dictionaries:codeHint")}>
        <Input disabled={!!item} autoComplete="off" data-testid="dictionary-code" />
      </Form.Item>
      <Form.Item name="label_zh" label={t("dictionaries:fields.label_zh")} rules={LABEL_RULES}>
        <Input data-testid="dictionary-label-zh" />
      </Form.Item>
      <Form.Item name="label_en" label={t("dictionaries:fields.label_en")} rules={LABEL_RULES}>
        <Input data-testid="dictionary-label-en" />
      </Form.Item>
      <Form.Item name="sort_order" label={t("dictionaries:fields.sort_order")} extra={t("dictionaries:sortHint")}>
        <InputNumber precision={0} style={{ width: "100%" }} />
      </Form.Item>
      {item && (
        <Form.Item name="enabled" label={t("dictionaries:fields.enabled")} valuePropName="checked" extra={t("dictionaries:disabledHint")}>
          <Switch />
        </Form.Item>
      )}
    </ResourceFormDrawer>
  );
}
