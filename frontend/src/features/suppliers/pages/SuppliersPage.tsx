import { useState } from "react";
import { Button, Card, Form, Input, Space, Table, Typography, type TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import type { Supplier } from "../../../api/types";
import { formatDateTime } from "../../../shared/format";
import { usePagedTable } from "../../../shared/hooks/usePagedTable";
import { ConfirmDelete } from "../../../shared/components/ConfirmDelete";
import { usePermission } from "../../auth/api";
import { useDeleteSupplier, useSuppliers } from "../api";
import { SupplierFormDrawer } from "../components/SupplierFormDrawer";
import { supplierFilters, type SupplierSearchValues } from "../filters";

/** 供应商: the supplier list with search, create, edit and delete. */
export function SuppliersPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const navigate = useNavigate();
  const [form] = Form.useForm<SupplierSearchValues>();
  const [search, setSearch] = useState<SupplierSearchValues>({});
  const paged = usePagedTable<Supplier>();
  const suppliers = useSuppliers({ ...paged.params, ...supplierFilters(search) });
  const remove = useDeleteSupplier();
  const [editing, setEditing] = useState<Supplier | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const none = t("common:values.none");
  const text = (v: string | null | undefined) => v || none;

  const apply = (values: SupplierSearchValues) => {
    setSearch(values);
    paged.resetPage();
  };

  const columns: TableColumnsType<Supplier> = [
    { title: t("suppliers:fields.number"), dataIndex: "number", key: "number", sorter: true, width: 120 },
    {
      title: t("suppliers:fields.name"),
      dataIndex: "name",
      key: "name",
      sorter: true,
      render: (name: string, s) => <Link to={`/suppliers/${s.id}`}>{name}</Link>,
    },
    { title: t("suppliers:fields.contact"), dataIndex: "contact", key: "contact", render: text },
    { title: t("suppliers:fields.phone"), dataIndex: "phone", key: "phone", render: text },
    { title: t("suppliers:fields.province"), dataIndex: "province", key: "province", render: text },
    { title: t("suppliers:fields.city"), dataIndex: "city", key: "city", render: text },
    { title: t("suppliers:fields.created_by"), dataIndex: "created_by_name", key: "created_by", render: text },
    {
      title: t("suppliers:fields.created_at"),
      dataIndex: "created_at",
      key: "created_at",
      sorter: true,
      render: (v: string) => formatDateTime(v, none),
    },
    ...(!can("suppliers:update") && !can("suppliers:delete")
      ? []
      : [
          {
            title: t("common:actions.actions"),
            key: "actions",
            fixed: "right" as const,
            render: (_: unknown, s: Supplier) => (
              <Space size={0}>
                {can("suppliers:update") && (
                  <Button
                    type="link"
                    size="small"
                    data-testid="supplier-edit"
                    onClick={() => {
                      setEditing(s);
                      setDrawerOpen(true);
                    }}
                  >
                    {t("common:actions.edit")}
                  </Button>
                )}
                {can("suppliers:delete") && (
                  <ConfirmDelete name={s.name} onDelete={() => remove.mutateAsync(s)} testId="supplier-delete" />
                )}
              </Space>
            ),
          },
        ]),
  ];

  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("suppliers:title")}
        </Typography.Title>
        {can("suppliers:create") && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="supplier-create"
            onClick={() => {
              setEditing(null);
              setDrawerOpen(true);
            }}
          >
            {t("common:actions.create")}
          </Button>
        )}
      </Space>
      <Form<SupplierSearchValues> form={form} layout="inline" onFinish={apply} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="q" label={t("suppliers:search.q")}>
          <Input allowClear placeholder={t("suppliers:search.qPlaceholder")} style={{ width: 220 }} data-testid="supplier-search-q" />
        </Form.Item>
        <Form.Item name="province" label={t("suppliers:fields.province")}>
          <Input allowClear style={{ width: 120 }} data-testid="supplier-search-province" />
        </Form.Item>
        <Form.Item name="city" label={t("suppliers:fields.city")}>
          <Input allowClear style={{ width: 120 }} data-testid="supplier-search-city" />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="supplier-search">
              {t("common:actions.search")}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              {t("common:actions.reset")}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Table<Supplier>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={suppliers.data?.items}
        loading={suppliers.isFetching}
        scroll={{ x: "max-content" }}
        {...paged.tableProps(suppliers.data?.total, suppliers.data?.total_exact)}
      />
      <SupplierFormDrawer
        open={drawerOpen}
        supplier={editing}
        onClose={() => setDrawerOpen(false)}
        onCreated={(created) => navigate(`/suppliers/${created.id}`)}
      />
    </Card>
  );
}
