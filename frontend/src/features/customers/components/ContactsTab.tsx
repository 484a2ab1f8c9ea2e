import { useState } from "react";
import { App, Button, Space, Table, Tooltip, type TableColumnsType } from "antd";
import { PlusOutlined, StarFilled, StarOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Contact } from "../../../api/types";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { usePermission } from "../../auth/api";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ImportButton } from "../../imports/components/LazyImportButton";
import { contactsApi, useContacts } from "../api";
import { ContactFormModal, type ContactFormTarget } from "./ContactFormModal";

/** The primary contact first, then by name as the server sorted them. */
function primaryFirst(contacts: readonly Contact[]): Contact[] {
  return [...contacts].sort((a, b) => Number(b.is_primary) - Number(a.is_primary));
}

type Props = {
  customerId: string;
  /** Why the customer's contacts may not be changed here (read only, say): then none is offered. */
  editBlocked?: string;
};

export function ContactsTab({ customerId, editBlocked }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const onProblem = useProblemHandler();
  const contacts = useContacts(customerId);
  const update = contactsApi.useUpdate();
  const remove = contactsApi.useDelete();
  const exporter = contactsApi.useExport("contacts");
  const [target, setTarget] = useState<ContactFormTarget>(null);
  const none = t("common:values.none");
  const text = (v: string | null | undefined) => v || none;

  const makePrimary = (contact: Contact) =>
    update.mutate(
      { record: contact, patch: { is_primary: true } },
      { onSuccess: () => void message.success(t("customers:contacts.primarySet", { name: contact.name })), onError: (e) => onProblem(e) },
    );

  const actions = useActionsColumn<Contact>({
    fixed: false,
    // The customer's access narrows the permissions: read only, the changes are greyed out with why.
    actions: [{ key: "edit", label: t("common:actions.edit"), permission: "contacts:update", blocked: () => editBlocked, onClick: (contact) => setTarget({ contact }) }],
    // The customer is the page's own.
    history: { entity: "contacts", fields: "customers:contacts.fields", name: (c) => c.name, hiddenFields: ["customer_id"] },
    remove: { permission: "contacts:delete", name: (c) => c.name, onDelete: (c) => remove.mutateAsync(c), blockedReason: () => editBlocked },
  });

  const columns: TableColumnsType<Contact> = [
    {
      title: t("customers:contacts.fields.is_primary"),
      key: "primary",
      width: 100,
      align: "center",
      render: (_, c) =>
        c.is_primary ? (
          <Tooltip title={t("customers:contacts.primary")}>
            <StarFilled style={{ color: "#faad14" }} data-testid="contact-primary-star" />
          </Tooltip>
        ) : can("contacts:update") && !editBlocked ? (
          <Tooltip title={t("customers:contacts.makePrimary")}>
            <Button type="text" size="small" icon={<StarOutlined />} onClick={() => makePrimary(c)} aria-label={t("customers:contacts.makePrimary")} />
          </Tooltip>
        ) : null,
    },
    { title: t("customers:contacts.fields.name"), dataIndex: "name", key: "name" },
    { title: t("customers:contacts.fields.title"), dataIndex: "title", key: "title", render: text },
    { title: t("customers:contacts.fields.mobile"), dataIndex: "mobile", key: "mobile", render: text },
    { title: t("customers:contacts.fields.phone"), dataIndex: "phone", key: "phone", render: text },
    { title: t("customers:contacts.fields.email"), dataIndex: "email", key: "email", render: text },
    { title: t("customers:contacts.fields.wechat"), dataIndex: "wechat", key: "wechat", render: text },
    { title: t("customers:contacts.fields.birthday"), dataIndex: "birthday", key: "birthday", render: text },
    ...actions,
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {can("contacts:create") &&
          (editBlocked ? (
            <Tooltip title={editBlocked}>
              <Button type="primary" icon={<PlusOutlined />} disabled data-testid="contact-create">
                {t("customers:contacts.add")}
              </Button>
            </Tooltip>
          ) : (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ contact: null })} data-testid="contact-create">
              {t("customers:contacts.add")}
            </Button>
          ))}
        {/* The file names each contact's customer, so it may hold other customers' contacts too. */}
        {!editBlocked && <ImportButton entity="contacts" testId="contact-import" label={t("imports:actions.importContacts")} />}
        {/* The customer's contacts, under the import's headers: the file imports back. */}
        <ExportButton exporter={exporter} query={{ customer_id: customerId }} permission="contacts:export" testId="contact-export" />
      </Space>
      <Table<Contact>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={primaryFirst(contacts.data?.items ?? [])}
        loading={contacts.isFetching}
        pagination={false}
        scroll={{ x: "max-content" }}
        data-testid="contacts-table"
      />
      <ContactFormModal customerId={customerId} target={target} onClose={() => setTarget(null)} />
    </>
  );
}
