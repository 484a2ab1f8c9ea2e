import { useState, type ReactNode } from "react";
import { App, Form, Input, Modal, type ButtonProps, type TableColumnType } from "antd";
import { useTranslation } from "react-i18next";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { usePermission } from "../../auth/api";
import { formatMoney } from "../../products/money";
import { invoicesApi, paymentsApi, useSubmitInvoice, useSubmitPayment, useVoidInvoice, type Contract, type Invoice, type Payment } from "../api";
import { availableOf } from "../money";
import { invoiceActions, paymentActions } from "../status";
import { InvoiceFormDrawer } from "./InvoiceFormDrawer";
import { PaymentFormDrawer } from "./PaymentFormDrawer";

// The row actions of the payments' and invoices' tables, wherever they show (their pages, a
// contract's tabs, a customer's): what a row offers follows its status (status.ts), and the forms
// they open come along as `overlay`, to be rendered once beside the table.

/** A table's actions column, the forms it opens (to render beside the table), and its edit. */
export type ActionsOf<T> = { column: TableColumnType<T>[]; overlay: ReactNode; edit: (row: T) => void };

/** A refused submit that names the room left says how much; anything else shows the usual way. */
function useSubmitProblem(textKey: string) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  return (error: unknown, currency: string) => {
    const available = availableOf(error);
    if (available === undefined) return onProblem(error);
    void message.error(t(textKey, { amount: formatMoney(available, currency, i18n.language) }));
  };
}

/** Edit, submit and delete for a table of payments (drafts only). */
export function usePaymentActions({ contract, phone = false }: { contract?: Contract; phone?: boolean } = {}): ActionsOf<Payment> {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const submit = useSubmitPayment();
  const remove = paymentsApi.useDelete();
  const submitProblem = useSubmitProblem("receivables:payments.available");
  const [editing, setEditing] = useState<Payment | null>(null);
  const offers = (p: Payment, action: "edit" | "submit") => paymentActions(p, can).includes(action);

  // On a phone only the "…" menu, not fixed: the table does not scroll sideways there.
  const column = useActionsColumn<Payment>({
    inline: phone ? 0 : 1,
    fixed: !phone,
    actions: [
      { key: "submit", label: t("receivables:submit"), permission: "payments:update", testId: "payment-submit", hidden: (p) => !offers(p, "submit"), confirm: (p) => t("receivables:payments.submitConfirm", { number: p.number }),
        onClick: (p) =>
          submit.mutateAsync(p.id).then(
            (approval) => void message.success(approval.status === "approved" ? t("receivables:payments.confirmedAtOnce") : t("receivables:submitted")),
            (error: unknown) => submitProblem(error, p.currency),
          ),
      },
      { key: "edit", label: t("common:actions.edit"), permission: "payments:update", testId: "payment-edit", hidden: (p) => !offers(p, "edit"), onClick: setEditing },
    ],
    remove: {
      permission: "payments:delete",
      name: (p) => p.number,
      onDelete: (p) => remove.mutateAsync(p),
      testId: "payment-delete",
      blockedReason: (p) => (p.status === "draft" ? undefined : t("receivables:payments.notDraft")),
    },
  });

  const overlay = <PaymentFormDrawer open={editing !== null} payment={editing} contract={contract} onClose={() => setEditing(null)} />;
  return { column, overlay, edit: setEditing };
}

/** Why an invoice is voided (作废/红冲): required, kept with it. */
function VoidInvoiceModal({ invoice, onClose }: { invoice: Invoice | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const voiding = useVoidInvoice();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={invoice !== null}
      title={invoice ? t("receivables:invoices.voidTitle", { number: invoice.number }) : undefined}
      onCancel={onClose}
      okText={t("receivables:invoices.void")}
      okButtonProps={{ danger: true, loading: voiding.isPending, "data-testid": "invoice-void-confirm" } as ButtonProps}
      cancelText={t("common:actions.cancel")}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={({ reason }) =>
          invoice &&
          voiding.mutate(
            { record: invoice, reason },
            {
              onSuccess: () => {
                void message.success(t("receivables:invoices.voided"));
                onClose();
              },
              onError: (error) => onProblem(error, form),
            },
          )
        }
      >
        <p>{invoice?.status === "issued" ? t("receivables:invoices.voidIssued") : t("receivables:invoices.voidDraft")}</p>
        <Form.Item name="reason" label={t("receivables:fields.void_reason")} rules={[{ required: true, whitespace: true, message: t("receivables:invoices.reasonRequired") }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder={t("receivables:invoices.reasonPlaceholder")} data-testid="invoice-void-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Edit, submit, void and delete for a table of invoices, as each one's status allows. */
export function useInvoiceActions({ contract, phone = false }: { contract?: Contract; phone?: boolean } = {}): ActionsOf<Invoice> {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const submit = useSubmitInvoice();
  const remove = invoicesApi.useDelete();
  const submitProblem = useSubmitProblem("receivables:invoices.available");
  const [editing, setEditing] = useState<Invoice | null>(null);
  const [voiding, setVoiding] = useState<Invoice | null>(null);
  const offers = (i: Invoice, action: "edit" | "submit" | "void") => invoiceActions(i, can).includes(action);

  const column = useActionsColumn<Invoice>({
    inline: phone ? 0 : 1,
    fixed: !phone,
    actions: [
      { key: "submit", label: t("receivables:submit"), permission: "invoices:update", testId: "invoice-submit", hidden: (i) => !offers(i, "submit"), confirm: (i) => t("receivables:invoices.submitConfirm", { number: i.number }),
        onClick: (i) =>
          submit.mutateAsync(i.id).then(
            (approval) => void message.success(approval.status === "approved" ? t("receivables:invoices.issuedAtOnce") : t("receivables:submitted")),
            (error: unknown) => submitProblem(error, i.currency),
          ),
      },
      { key: "void", label: t("receivables:invoices.void"), permission: "invoices:update", testId: "invoice-void", hidden: (i) => !offers(i, "void"), danger: true, onClick: setVoiding },
      { key: "edit", label: t("common:actions.edit"), permission: "invoices:update", testId: "invoice-edit", hidden: (i) => !offers(i, "edit"), onClick: setEditing },
    ],
    remove: {
      permission: "invoices:delete",
      name: (i) => i.number,
      onDelete: (i) => remove.mutateAsync(i),
      testId: "invoice-delete",
      blockedReason: (i) => (i.status === "draft" ? undefined : t("receivables:invoices.notDraft")),
    },
  });

  const overlay = (
    <>
      <InvoiceFormDrawer open={editing !== null} invoice={editing} contract={contract} onClose={() => setEditing(null)} />
      <VoidInvoiceModal invoice={voiding} onClose={() => setVoiding(null)} />
    </>
  );
  return { column, overlay, edit: setEditing };
}
