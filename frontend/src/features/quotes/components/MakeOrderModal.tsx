import { App, DatePicker, Form, Input, Modal, type ButtonProps } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { ApiError } from "../../../api/problem";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { ORDERS_PATH } from "../../orders/paths";
import { useMakeOrder, type Quote } from "../api";

type Values = { order_date?: Dayjs | null; delivery_date?: Dayjs | null; shipping_address?: string; remark?: string };

const DAY = "YYYY-MM-DD";

/** Makes the order of an accepted quote and goes to it; a quote ordered already links to its order. */
export function MakeOrderModal({ quote, open, onClose }: { quote: Quote; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const onProblem = useProblemHandler();
  const make = useMakeOrder();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) =>
    make.mutate(
      {
        id: quote.id,
        body: {
          order_date: v.order_date ? v.order_date.format(DAY) : null,
          delivery_date: v.delivery_date ? v.delivery_date.format(DAY) : null,
          shipping_address: v.shipping_address?.trim() || null,
          remark: v.remark?.trim() || null,
        },
      },
      {
        onSuccess: (order) => {
          message.success(t("quotes:makeOrder.done", { number: order.number }));
          onClose();
          navigate(`${ORDERS_PATH}/${order.id}`);
        },
        onError: (error) => {
          const orderId = error instanceof ApiError && error.problem.code === "quote.ordered" ? error.problem.extra?.order_id : undefined;
          if (typeof orderId === "string") {
            onClose();
            modal.confirm({
              title: t("quotes:makeOrder.already"),
              okText: t("quotes:makeOrder.openExisting"),
              cancelText: t("common:actions.close"),
              onOk: () => navigate(`${ORDERS_PATH}/${orderId}`),
            });
            return;
          }
          onProblem(error, form);
        },
      },
    );
  return (
    <Modal
      open={open}
      title={t("quotes:makeOrder.title", { number: quote.number })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("quotes:makeOrder.submit")}
      cancelText={t("common:actions.cancel")}
      okButtonProps={{ loading: make.isPending, "data-testid": "make-order-submit" } as ButtonProps}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="order_date" label={t("orders:fields.order_date")} extra={t("quotes:makeOrder.orderDateHelp")}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="delivery_date" label={t("orders:fields.delivery_date")}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="shipping_address" label={t("orders:fields.shipping_address")} rules={[{ max: 500 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="remark" label={t("orders:fields.remark")} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
