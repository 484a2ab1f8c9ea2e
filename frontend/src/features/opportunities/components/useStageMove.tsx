import { useState, type ReactNode } from "react";
import { App, Form, Input, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { problemText } from "../../../api/problem";
import { useDictionary } from "../../../shared/dictionaries";
import { dictionaryOptions } from "../../customers/dictionary";
import { useMoveStage, type Opportunity, type PipelineStage } from "../api";
import { stageName } from "../stages";

type Pending = { record: Pick<Opportunity, "id" | "version">; stage: PipelineStage; resolve: (ok: boolean) => void };

/**
 * Moving an opportunity to a stage: a lost stage first asks why (a modal with the `lost_reason`
 * dictionary and a note). `move` resolves true once the server took the move, false when the user
 * cancelled or the server refused it (its problem is shown in the user's language).
 */
export function useStageMove(): { move: (record: Pick<Opportunity, "id" | "version">, stage: PipelineStage) => Promise<boolean>; modal: ReactNode; moving: boolean } {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const mutation = useMoveStage();
  const reasons = useDictionary("lost_reason");
  const [pending, setPending] = useState<Pending | null>(null);
  const [form] = Form.useForm<{ lost_reason: string; lost_note?: string }>();

  const send = (record: Pending["record"], stage: PipelineStage, extra: { lost_reason?: string; lost_note?: string | null } = {}) =>
    mutation.mutateAsync({ record: { id: record.id, version: record.version }, move: { stage_id: stage.id, ...extra } }).then(
      () => {
        message.success(t("opportunities:detail.moved", { stage: stageName(stage, i18n.language) }));
        return true;
      },
      (error: unknown) => {
        message.error(t("opportunities:board.moveFailed", { reason: problemText(error) }));
        return false;
      },
    );

  const move = (record: Pending["record"], stage: PipelineStage) => {
    if (stage.kind !== "lost") return send(record, stage);
    form.resetFields();
    return new Promise<boolean>((resolve) => setPending({ record, stage, resolve }));
  };

  const modal = (
    <Modal
      open={pending !== null}
      title={t("opportunities:lost.title")}
      okText={t("opportunities:lost.ok")}
      cancelText={t("common:actions.cancel")}
      okButtonProps={{ danger: true, "data-testid": "lost-ok" }}
      confirmLoading={mutation.isPending}
      onCancel={() => {
        pending?.resolve(false);
        setPending(null);
      }}
      onOk={() =>
        form.validateFields().then(async (v) => {
          if (!pending) return;
          const ok = await send(pending.record, pending.stage, { lost_reason: v.lost_reason, lost_note: v.lost_note?.trim() || null });
          pending.resolve(ok);
          setPending(null);
        })
      }
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="lost_reason" label={t("opportunities:lost.reason")} rules={[{ required: true }]}>
          <Select options={dictionaryOptions(reasons.data, i18n.language)} loading={reasons.isFetching} data-testid="lost-reason" />
        </Form.Item>
        <Form.Item name="lost_note" label={t("opportunities:lost.note")} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} data-testid="lost-note" />
        </Form.Item>
      </Form>
    </Modal>
  );

  return { move, modal, moving: mutation.isPending };
}
