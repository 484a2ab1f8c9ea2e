import { useEffect, useRef, useState, type ReactNode } from "react";
import { App, Button, Drawer, Form, Modal, Space, type FormInstance } from "antd";
import { useTranslation } from "react-i18next";
import { useServerFieldErrors } from "./serverFieldErrors";

/** Another way to save the same form beside Save (save and submit, say): its own write and message. */
export type ExtraSave<V, R> = {
  key: string;
  label: string;
  onSubmit: (values: V) => Promise<R>;
  /** Shown when it succeeds; by default the form's. */
  successMessage?: string | ((result: R) => string);
  testId?: string;
  /** The form's main button: Save then shows as a plain one. */
  primary?: boolean;
};

type Props<V, R> = {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  /** The form's values when it opens; read again only when it opens or `recordKey` changes. */
  initialValues: Partial<V>;
  /** The record being edited (null for a new one): a different one fills the form anew. */
  recordKey?: unknown;
  /** The write; a problem+json answer puts its field errors on the fields. */
  onSubmit: (values: V) => Promise<R>;
  onSaved?: (result: R) => void;
  /** Shown when the write succeeds (a function: worded by what it answered). */
  successMessage: string | ((result: R) => string);
  saveTestId?: string;
  /** Save's own label, when it says more than "save" (保存草稿). */
  saveLabel?: string;
  /** Other ways to save, after Save. */
  extraSaves?: ExtraSave<V, R>[];
  width?: number;
  /** A drawer for records with many fields, a modal for small ones. */
  container?: "drawer" | "modal";
  /**
   * A module's own reading of a refused save (a duplicate in the UI's language, say); returns
   * true when it has shown the problem, else the usual handling follows.
   */
  explainProblem?: (error: unknown, form: FormInstance<V>) => boolean;
  /** Above the form: a warning about the values typed, say. */
  above?: ReactNode;
  /** The page's own form instance, when it needs one (to watch a field, say). */
  form?: FormInstance<V>;
  children: ReactNode;
};

/**
 * A create or edit form in a drawer (or modal): fills itself when it opens, saves, says so and
 * closes; a refused save shows the server's field errors on the fields until they are edited.
 */
export function ResourceFormDrawer<V extends object, R = unknown>(props: Props<V, R>) {
  const { open, title, onClose, initialValues, recordKey, onSubmit, onSaved, successMessage, saveTestId, saveLabel, extraSaves = [], width, container = "drawer", explainProblem, above, children } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [ownForm] = Form.useForm<V>();
  const form = props.form ?? ownForm;
  const { onError, onValuesChange } = useServerFieldErrors(form);
  const [saving, setSaving] = useState<string | false>(false);
  // Which button submitted the form: Save, or one of the extra saves.
  const chosen = useRef<ExtraSave<V, R> | undefined>(undefined);
  const initial = useRef(initialValues);
  initial.current = initialValues;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initial.current as Parameters<typeof form.setFieldsValue>[0]);
  }, [open, recordKey, form]);

  const finish = (values: V) => {
    const save = chosen.current;
    chosen.current = undefined;
    setSaving(save?.key ?? "save");
    const said = save?.successMessage ?? successMessage;
    (save ? save.onSubmit : onSubmit)(values)
      .then((result) => {
        message.success(typeof said === "function" ? said(result) : said);
        onClose();
        onSaved?.(result);
      }, (error: unknown) => (explainProblem?.(error, form) ? undefined : onError(error)))
      .finally(() => setSaving(false));
  };

  const submitWith = (save: ExtraSave<V, R> | undefined) => {
    chosen.current = save;
    form.submit();
  };
  const extraPrimary = extraSaves.some((save) => save.primary);
  const buttons = [
    <Button key="save" type={extraPrimary ? "default" : "primary"} loading={saving === "save"} disabled={!!saving && saving !== "save"} onClick={() => submitWith(undefined)} data-testid={saveTestId}>
      {saveLabel ?? t("common:actions.save")}
    </Button>,
    ...extraSaves.map((save) => (
      <Button key={save.key} type={save.primary ? "primary" : "default"} loading={saving === save.key} disabled={!!saving && saving !== save.key} onClick={() => submitWith(save)} data-testid={save.testId}>
        {save.label}
      </Button>
    )),
  ];

  const body = (
    <>
      {above}
      <Form<V>
        form={form}
        layout="vertical"
        onFinish={finish}
        onFinishFailed={() => {
          chosen.current = undefined;
        }}
        onValuesChange={onValuesChange}
      >
        {children}
      </Form>
    </>
  );

  if (container === "modal") {
    return (
      <Modal
        open={open}
        title={title}
        onCancel={onClose}
        onOk={() => submitWith(undefined)}
        okText={saveLabel ?? t("common:actions.save")}
        cancelText={t("common:actions.cancel")}
        confirmLoading={saving === "save"}
        okButtonProps={saveTestId ? { "data-testid": saveTestId } : undefined}
        {...(extraSaves.length > 0
          ? {
              footer: (
                <Space wrap style={{ justifyContent: "flex-end" }}>
                  <Button onClick={onClose}>{t("common:actions.cancel")}</Button>
                  {buttons}
                </Space>
              ),
            }
          : {})}
        width={width ?? 520}
        destroyOnHidden
      >
        {body}
      </Modal>
    );
  }
  return (
    <Drawer
      title={title}
      open={open}
      onClose={onClose}
      // Never wider than a phone's screen.
      width={`min(${width ?? 560}px, 100vw)`}
      destroyOnHidden
      // Several ways to save do not fit beside the title on a phone: they go to the footer.
      {...(extraSaves.length > 0
        ? {
            footer: (
              <Space wrap style={{ width: "100%", justifyContent: "flex-end" }}>
                <Button onClick={onClose}>{t("common:actions.cancel")}</Button>
                {buttons}
              </Space>
            ),
          }
        : {
            extra: (
              <Space>
                <Button onClick={onClose}>{t("common:actions.cancel")}</Button>
                {buttons}
              </Space>
            ),
          })}
    >
      {body}
    </Drawer>
  );
}
