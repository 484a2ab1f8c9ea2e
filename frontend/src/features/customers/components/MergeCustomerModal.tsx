import { useEffect, useState } from "react";
import { Alert, App, Modal, Radio, Space, Table, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { Customer } from "../../../api/types";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { customersApi, useDictionary, useMergeCustomer } from "../api";
import { dictionaryLabel } from "../dictionary";
import { defaultChoices, MERGE_FIELDS, mergeFields, sameValue, type MergeChoices, type MergeField, type MergeSide } from "../merge";
import { CustomerPicker } from "./CustomerPicker";

type Props = { customer: Customer; open: boolean; onClose: () => void };

/**
 * 合并客户 (CUS-6): another customer is merged into this one. The user picks, field by field,
 * whose value survives; the other's contacts, follow-ups and collaborators move here.
 */
export function MergeCustomerModal({ customer, open, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const [otherId, setOtherId] = useState<string | undefined>();
  const other = customersApi.useGet(otherId ?? "", { enabled: !!otherId });
  const merge = useMergeCustomer(customer.id);
  const [choices, setChoices] = useState<MergeChoices | null>(null);
  const industries = useDictionary("industry");
  const sources = useDictionary("customer_source");
  const levels = useDictionary("customer_level");
  const none = t("common:values.none");

  useEffect(() => {
    if (!open) setOtherId(undefined);
  }, [open]);

  useEffect(() => {
    setChoices(other.data ? defaultChoices(customer, other.data) : null);
  }, [customer, other.data]);

  const text = (c: Customer, field: MergeField): string => {
    const value = c[field];
    switch (field) {
      case "industry":
        return dictionaryLabel(industries.data, c.industry, language, none);
      case "source":
        return dictionaryLabel(sources.data, c.source, language, none);
      case "level":
        return dictionaryLabel(levels.data, c.level, language, none);
      case "kind":
        return t(`customers:kinds.${c.kind}`, { defaultValue: c.kind });
      case "tags":
        return c.tags.length > 0 ? c.tags.join(t("customers:history.separator")) : none;
      default:
        return typeof value === "string" && value !== "" ? value : none;
    }
  };

  const submit = () => {
    if (!other.data || !choices) return;
    merge.mutate(
      { other_id: other.data.id, fields: mergeFields(choices) },
      {
        onSuccess: () => {
          message.success(t("customers:merge.done", { name: other.data?.name ?? "" }));
          onClose();
        },
        onError: (e) => onProblem(e),
      },
    );
  };

  // Fields with the same value on both sides offer no choice; they are still sent (as `this`).
  const differing = other.data ? MERGE_FIELDS.filter((field) => other.data && !sameValue(customer, other.data, field)) : [];
  const identical = MERGE_FIELDS.length - differing.length;

  const side = (which: MergeSide, source: Customer) => (field: MergeField) => {
    return (
      <Radio
        checked={choices?.[field] === which}
        onChange={() => setChoices((old) => (old ? { ...old, [field]: which } : old))}
      >
        <span style={{ whiteSpace: "pre-wrap" }} data-testid={`merge-${field}-${which}`}>
          {text(source, field)}
        </span>
      </Radio>
    );
  };

  type Row = { field: MergeField };
  const columns: TableColumnsType<Row> = other.data
    ? [
        { title: t("customers:merge.field"), key: "field", width: 120, render: (_, r) => t(`customers:fields.${r.field}`) },
        { title: t("customers:merge.this", { code: customer.code }), key: "this", width: "42%", render: (_, r) => side("this", customer)(r.field) },
        { title: t("customers:merge.other", { code: other.data.code }), key: "other", width: "42%", render: (_, r) => side("other", other.data)(r.field) },
      ]
    : [];

  return (
    <Modal
      open={open}
      width={960}
      title={t("customers:merge.title", { name: customer.name })}
      onCancel={onClose}
      onOk={submit}
      okText={t("customers:merge.submit")}
      cancelText={t("common:actions.cancel")}
      okButtonProps={{ disabled: !other.data || !choices, danger: true, "data-testid": "merge-submit" }}
      confirmLoading={merge.isPending}
      destroyOnHidden
    >
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        <Space wrap>
          <Typography.Text>{t("customers:merge.pick")}</Typography.Text>
          <CustomerPicker value={otherId} onChange={(c) => setOtherId(c?.id)} excludeId={customer.id} style={{ width: 420 }} data-testid="merge-pick" />
        </Space>
        {other.data && (
          <>
            <Alert type="warning" showIcon message={t("customers:merge.warning", { other: other.data.name, name: customer.name })} />
            <Table<Row>
              rowKey="field"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={differing.map((field) => ({ field }))}
              locale={{ emptyText: t("customers:merge.allSame") }}
              data-testid="merge-table"
            />
            {identical > 0 && differing.length > 0 && (
              <Typography.Text type="secondary">{t("customers:merge.sameHidden", { count: identical })}</Typography.Text>
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}
