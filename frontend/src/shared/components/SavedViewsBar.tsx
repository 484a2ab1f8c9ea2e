import { useEffect, useState } from "react";
import { App, Button, Checkbox, Dropdown, Form, Input, Modal, Select, Space, Tag, Tooltip, Typography, type MenuProps } from "antd";
import { MoreOutlined, SaveOutlined, StarFilled } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/problem";
import type { SavedView, UpdateSavedView } from "../../api/types";
import { useProblemHandler } from "../hooks/useProblemHandler";
import { useServerFieldErrors } from "../resource/serverFieldErrors";
import { useCreateSavedView, useDeleteSavedView, useUpdateSavedView, type SavedViews } from "../hooks/useSavedViews";

type FormValues = { name: string; is_default?: boolean };

/** "create": save what the page shows as a new view; "rename": the active view's name. */
type FormTarget = { mode: "create" } | { mode: "rename"; view: SavedView } | null;

const NAME_MAX = 50;

function ViewFormModal({ target, views, onClose }: { target: FormTarget; views: SavedViews; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const serverErrors = useServerFieldErrors(form);
  const create = useCreateSavedView();
  const update = useUpdateSavedView();

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue(target.mode === "rename" ? { name: target.view.name } : { name: "", is_default: false });
  }, [target, form]);

  const onError = (e: unknown) => {
    serverErrors.onError(e);
    // The server's words are English; the name clash is common enough to say it in the UI's language.
    if (e instanceof ApiError && e.status === 409) form.setFields([{ name: "name", errors: [t("common:savedViews.duplicateName")] }]);
  };

  const onFinish = (values: FormValues) => {
    const name = values.name.trim();
    if (target?.mode === "rename") {
      update.mutate(
        { view: target.view, patch: { name } },
        {
          onSuccess: () => {
            message.success(t("common:messages.saved"));
            onClose();
          },
          onError,
        },
      );
      return;
    }
    create.mutate(
      { resource: views.resource, name, query: views.current.query, columns: views.current.columns, is_default: !!values.is_default },
      {
        onSuccess: (created) => {
          message.success(t("common:savedViews.savedAs", { name: created.name }));
          views.select(created);
          onClose();
        },
        onError,
      },
    );
  };

  return (
    <Modal
      open={!!target}
      title={target?.mode === "rename" ? t("common:savedViews.renameTitle") : t("common:savedViews.saveTitle")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common:actions.save")}
      cancelText={t("common:actions.cancel")}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ "data-testid": "saved-view-ok" }}
      destroyOnHidden
      width={420}
    >
      <Form<FormValues> form={form} onValuesChange={serverErrors.onValuesChange} layout="vertical" onFinish={onFinish} style={{ marginTop: 16 }}>
        <Form.Item name="name" label={t("common:savedViews.name")} rules={[{ required: true, whitespace: true }, { max: NAME_MAX }]}>
          <Input maxLength={NAME_MAX} showCount autoFocus placeholder={t("common:savedViews.namePlaceholder")} data-testid="saved-view-name" />
        </Form.Item>
        {target?.mode === "create" && (
          <>
            <Form.Item name="is_default" valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox data-testid="saved-view-default">{t("common:savedViews.openByDefault")}</Checkbox>
            </Form.Item>
            <Typography.Text type="secondary">{t("common:savedViews.saveHint")}</Typography.Text>
          </>
        )}
      </Form>
    </Modal>
  );
}

/**
 * The saved views of a list page: pick one to apply it, save what the page shows as a new one,
 * and rename, update, make default or delete the active one.
 */
export function SavedViewsBar({ views }: { views: SavedViews }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const onProblem = useProblemHandler();
  const update = useUpdateSavedView();
  const remove = useDeleteSavedView();
  const [target, setTarget] = useState<FormTarget>(null);
  const { active } = views;

  const patch = (view: SavedView, body: UpdateSavedView, done: string) =>
    update.mutate({ view, patch: body }, { onSuccess: () => message.success(done), onError: (e) => onProblem(e) });

  const confirmDelete = (view: SavedView) =>
    modal.confirm({
      title: t("common:confirm.delete", { name: view.name }),
      okText: t("common:actions.delete"),
      okButtonProps: { danger: true, "data-testid": "saved-view-delete-ok" },
      cancelText: t("common:actions.cancel"),
      onOk: () =>
        remove.mutateAsync(view).then(
          () => {
            message.success(t("common:messages.deleted"));
            views.select(null);
          },
          (e: unknown) => onProblem(e),
        ),
    });

  const entry = (key: string, label: string) => <span data-testid={`saved-view-${key}`}>{label}</span>;
  const items: MenuProps["items"] = active
    ? [
        {
          key: "update",
          label: entry("update", t("common:savedViews.update")),
          disabled: !views.modified,
          onClick: () => patch(active, { query: views.current.query, columns: views.current.columns }, t("common:messages.saved")),
        },
        { key: "rename", label: entry("rename", t("common:savedViews.rename")), onClick: () => setTarget({ mode: "rename", view: active }) },
        {
          key: "default",
          label: entry("default", active.is_default ? t("common:savedViews.unsetDefault") : t("common:savedViews.setDefault")),
          onClick: () =>
            patch(active, { is_default: !active.is_default }, active.is_default ? t("common:savedViews.defaultCleared") : t("common:savedViews.defaultSet", { name: active.name })),
        },
        { type: "divider" },
        { key: "delete", label: entry("delete", t("common:actions.delete")), danger: true, onClick: () => confirmDelete(active) },
      ]
    : [];

  return (
    <Space size={8} wrap data-testid="saved-views">
      <Select<string>
        value={active?.id ?? null}
        placeholder={t("common:savedViews.placeholder")}
        allowClear
        showSearch
        loading={views.loading}
        style={{ width: 220 }}
        popupMatchSelectWidth={false}
        notFoundContent={t("common:savedViews.none")}
        filterOption={(input, option) => (option?.name ?? "").toLowerCase().includes(input.trim().toLowerCase())}
        options={views.views.map((view) => ({
          value: view.id,
          name: view.name,
          label: (
            <Space size={4}>
              {view.name}
              {view.is_default && (
                <Tooltip title={t("common:savedViews.default")}>
                  <StarFilled style={{ color: "#faad14" }} aria-label={t("common:savedViews.default")} />
                </Tooltip>
              )}
            </Space>
          ),
        }))}
        // onSelect, not onChange: choosing the active view again discards the changes made to it.
        onSelect={(id: string) => views.select(views.views.find((v) => v.id === id) ?? null)}
        onClear={() => views.select(null)}
        data-testid="saved-views-select"
      />
      {views.modified && (
        <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="saved-view-modified">
          {t("common:savedViews.modified")}
        </Tag>
      )}
      <Button icon={<SaveOutlined />} onClick={() => setTarget({ mode: "create" })} data-testid="saved-view-save">
        {t("common:savedViews.save")}
      </Button>
      {active && (
        <Dropdown menu={{ items }} trigger={["click"]}>
          <Button icon={<MoreOutlined />} loading={update.isPending} aria-label={t("common:savedViews.more")} data-testid="saved-view-more" />
        </Dropdown>
      )}
      <ViewFormModal target={target} views={views} onClose={() => setTarget(null)} />
    </Space>
  );
}
