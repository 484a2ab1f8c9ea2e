import { useState } from "react";
import { Alert, App, Button, Popconfirm, Select, Space, Table, Typography, type TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { ServedCustomer } from "../../../api/types";
import { problemText } from "../../../api/problem";
import { useDebouncedValue } from "../../../shared/hooks/useDebouncedValue";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { usePermission } from "../../auth/api";
import { useCustomerOptions, useReplaceSupplierCustomers, useSupplierCustomers } from "../api";
import { addServed, removeServed, sameServed } from "../served";

/** Picks a customer by searching the server (name, code, phone, e-mail). */
function CustomerSearchSelect({ exclude, value, onChange }: { exclude: readonly string[]; value?: ServedCustomer; onChange: (c?: ServedCustomer) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [open, setOpen] = useState(false);
  const q = useDebouncedValue(search.trim(), 300);
  const customers = useCustomerOptions(q, open);
  const found = (customers.data ?? []).filter((c) => !exclude.includes(c.id));
  const list = value && !found.some((c) => c.id === value.id) ? [value, ...found] : found;
  return (
    <Select<string>
      showSearch
      allowClear
      filterOption={false}
      value={value?.id}
      placeholder={t("suppliers:customers.pickPlaceholder")}
      notFoundContent={customers.isFetching ? t("common:userPicker.searching") : t("suppliers:customers.noMatch")}
      loading={customers.isFetching}
      options={list.map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))}
      onSearch={setSearch}
      onOpenChange={setOpen}
      onChange={(id) => {
        setSearch("");
        onChange(list.find((c) => c.id === id));
      }}
      style={{ width: 320 }}
      data-testid="served-customer-pick"
    />
  );
}

/** 服务客户: which customers the supplier serves; edited as a list, saved in one PUT. */
export function ServedCustomersTab({ supplierId }: { supplierId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const onProblem = useProblemHandler();
  const served = useSupplierCustomers(supplierId);
  const replace = useReplaceSupplierCustomers(supplierId);
  // null: no unsaved change, the list is what the server has.
  const [draft, setDraft] = useState<ServedCustomer[] | null>(null);
  const [picked, setPicked] = useState<ServedCustomer | undefined>();
  const editable = can("suppliers:update");
  const saved = served.data ?? [];
  const list = draft ?? saved;
  const dirty = draft !== null && !sameServed(draft, saved);

  if (served.isError) return <Alert type="error" showIcon message={problemText(served.error)} />;

  const save = () =>
    replace.mutate(
      list.map((c) => c.id),
      {
        onSuccess: () => {
          message.success(t("common:messages.saved"));
          setDraft(null);
        },
        onError: (e) => onProblem(e),
      },
    );

  const columns: TableColumnsType<ServedCustomer> = [
    { title: t("suppliers:customers.fields.code"), dataIndex: "code", key: "code", width: 160 },
    {
      title: t("suppliers:customers.fields.name"),
      dataIndex: "name",
      key: "name",
      render: (name: string, c) => (can("customers:read") ? <Link to={`/customers/${c.id}`}>{name}</Link> : name),
    },
    ...(editable
      ? [
          {
            title: t("common:actions.actions"),
            key: "actions",
            width: 100,
            render: (_: unknown, c: ServedCustomer) => (
              <Button type="link" size="small" danger data-testid="served-customer-remove" onClick={() => setDraft(removeServed(list, c.id))}>
                {t("suppliers:customers.remove")}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }} data-testid="served-customers">
      <Typography.Text type="secondary">{t("suppliers:customers.intro")}</Typography.Text>
      {editable && (
        <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
          <Space wrap>
            <CustomerSearchSelect exclude={list.map((c) => c.id)} value={picked} onChange={setPicked} />
            <Button
              icon={<PlusOutlined />}
              disabled={!picked}
              data-testid="served-customer-add"
              onClick={() => {
                if (!picked) return;
                setDraft(addServed(list, picked));
                setPicked(undefined);
              }}
            >
              {t("suppliers:customers.add")}
            </Button>
          </Space>
          <Space wrap>
            <Popconfirm
              title={t("suppliers:prices.confirmDiscard")}
              okText={t("common:confirm.yes")}
              cancelText={t("common:confirm.no")}
              disabled={!dirty}
              onConfirm={() => setDraft(null)}
            >
              <Button disabled={!dirty}>{t("suppliers:prices.discard")}</Button>
            </Popconfirm>
            <Button type="primary" disabled={!dirty} loading={replace.isPending} onClick={save} data-testid="served-customers-save">
              {t("suppliers:customers.save")}
            </Button>
          </Space>
        </Space>
      )}
      {dirty && <Alert type="info" showIcon message={t("suppliers:customers.unsaved")} />}
      <Table<ServedCustomer>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list}
        loading={served.isFetching}
        pagination={false}
        locale={{ emptyText: t("suppliers:customers.empty") }}
      />
    </Space>
  );
}
