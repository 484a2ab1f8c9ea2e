import { useEffect, useRef, useState, type ReactNode } from "react";
import { App, Button, Drawer, Form, Modal, Space, type FormInstance } from "antd";
import { useTranslation } from "react-i18next";
import { useServerFieldErrors } from "./serverFieldErrors";

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
  /** Shown when the write succeeds. */
  successMessage: string;
  saveTestId?: string;
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
  const { open, title, onClose, initialValues, recordKey, onSubmit, onSaved, successMessage, saveTestId, width, container = "drawer", explainProblem, above, children } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [ownForm] = Form.useForm<V>();
  const form = props.form ?? ownForm;
  const { onError, onValuesChange } = useServerFieldErrors(form);
  const [saving, setSaving] = useState(false);
  const initial = useRef(initialValues);
  initial.current = initialValues;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initial.current as Parameters<typeof form.setFieldsValue>[0]);
  }, [open, recordKey, form]);

  const finish = (values: V) => {
    setSaving(true);
    onSubmit(values)
      .then((result) => {
        message.success(successMessage);
        onClose();
        onSaved?.(result);
      }, (error: unknown) => (explainProblem?.(error, form) ? undefined : onError(error)))
      .finally(() => setSaving(false));
  };

  const body = (
    <>
      {above}
        <Form<V> form={form} layout="vertical" onFinish={finish} onValuesChange={onValuesChange}>
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
        onOk={() => form.submit()}
        okText={t("common:actions.save")}
        cancelText={t("common:actions.cancel")}
        confirmLoading={saving}
        okButtonProps={saveTestId ? { "data-testid": saveTestId } : undefined}
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
      extra={
        <Space>
          <Button onClick={onClose}>{t("common:actions.cancel")}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid={saveTestId}>
            {t("common:actions.save")}
          </Button>
        </Space>
      }
    >
      {body}
    </Drawer>
  );
}
