import { useState } from "react";
import { App, Button, Input, Modal, Space, Typography, type ButtonProps } from "antd";
import { useTranslation } from "react-i18next";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { DOC_KINDS, type DocKind } from "../docKinds";
import { actionsFrom, type TransitionAction } from "../status";

type Props<S extends string> = {
  /** The document's kind, whose namespace has the texts: `quotes:actions.<key>`, `quotes:confirm.<key>`. */
  ns: DocKind;
  actions: readonly TransitionAction<S>[];
  status: S;
  /** The document's number, named in the confirmation. */
  number: string;
  disabled?: boolean;
  onMove: (to: S, note?: string) => Promise<unknown>;
};

/**
 * The status changes legal from the current status, each after a confirmation (some with a note,
 * which some require: the confirm button waits for it).
 */
export function TransitionButtons<S extends string>({ ns, actions, status, number, disabled, onMove }: Props<S>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const [pending, setPending] = useState<TransitionAction<S> | null>(null);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const legal = actionsFrom(actions, status);
  const testId = DOC_KINDS[ns].testId;
  const missingNote = !!pending?.noteRequired && note.trim() === "";
  const run = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      await onMove(pending.to, pending.note ? note : undefined);
      message.success(t(`${ns}:moved.${pending.key}`));
      setPending(null);
    } catch (error) {
      onProblem(error);
    } finally {
      setBusy(false);
    }
  };
  if (legal.length === 0) return null;
  return (
    <>
      <Space wrap size={8}>
        {legal.map((action) => (
          <Button
            key={action.key}
            type={action.primary ? "primary" : "default"}
            danger={action.danger}
            disabled={disabled}
            onClick={() => {
              setNote("");
              setPending(action);
            }}
            data-testid={`${testId}-action-${action.key}`}
          >
            {t(`${ns}:actions.${action.key}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={!!pending}
        title={pending ? t(`${ns}:actions.${pending.key}`) : ""}
        onCancel={() => setPending(null)}
        onOk={() => void run()}
        okText={t("common:confirm.yes")}
        cancelText={t("common:actions.cancel")}
        okButtonProps={{ danger: pending?.danger, loading: busy, disabled: missingNote, "data-testid": "transition-confirm" } as ButtonProps}
        destroyOnHidden
      >
        <Typography.Paragraph>{pending ? t(`${ns}:confirm.${pending.key}`, { number }) : ""}</Typography.Paragraph>
        {pending?.note && (
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            rows={3}
            placeholder={t(pending.noteRequired ? `${ns}:reasonPlaceholder` : `${ns}:notePlaceholder`)}
            data-testid="transition-note"
          />
        )}
      </Modal>
    </>
  );
}
