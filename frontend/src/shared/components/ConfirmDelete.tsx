import type { ReactNode } from "react";
import { App, Button, Popconfirm, Tooltip } from "antd";
import { DeleteOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useProblemHandler } from "../hooks/useProblemHandler";

type ActionProps = {
  /** The question the confirmation asks. */
  question: string;
  /** The button's text (also the icon button's accessible name). */
  label: string;
  /** The write; its problem (409 in use, 412 stale…) is shown the usual way. */
  onConfirm: () => Promise<unknown>;
  /** Said when the write succeeds. */
  doneMessage: string;
  /** After it succeeds, e.g. to leave a deleted record's page. */
  onDone?: () => void;
  testId?: string;
  /** A table row's link (default), a page header's button, or a bare icon (a tree node's). */
  variant?: "link" | "button" | "icon";
  icon?: ReactNode;
  danger?: boolean;
  /** Why it cannot be done to this record (a built-in role, say): the button shows greyed with the reason. */
  blockedReason?: string;
};

/** A button for a write that wants a second thought: confirm, write, then say so or show the problem. */
export function ConfirmAction({ question, label, onConfirm, doneMessage, onDone, testId, variant = "link", icon, danger = false, blockedReason }: ActionProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const button =
    variant === "icon" ? (
      <Button type="text" size="small" danger={danger} icon={icon} aria-label={label} disabled={!!blockedReason} data-testid={testId} />
    ) : (
      <Button type={variant === "link" ? "link" : "default"} size={variant === "link" ? "small" : "middle"} danger={danger} disabled={!!blockedReason} data-testid={testId}>
        {label}
      </Button>
    );
  if (blockedReason) return <Tooltip title={blockedReason}>{button}</Tooltip>;
  return (
    <Popconfirm
      title={question}
      okText={t("common:confirm.yes")}
      cancelText={t("common:confirm.no")}
      onConfirm={() =>
        onConfirm().then(
          () => {
            message.success(doneMessage);
            onDone?.();
          },
          (e: unknown) => onProblem(e),
        )
      }
    >
      {button}
    </Popconfirm>
  );
}

type DeleteProps = Pick<ActionProps, "testId" | "variant" | "blockedReason"> & {
  /** What the confirmation names. */
  name: string;
  /** The question, when "Delete <name>?" does not fit (an entry without a name). */
  question?: string;
  onDelete: () => Promise<unknown>;
  /** After the record is gone, e.g. to leave its page. */
  onDeleted?: () => void;
};

/** A delete button: confirm, delete, then say so or show the problem. */
export function ConfirmDelete({ name, question, onDelete, onDeleted, ...rest }: DeleteProps) {
  const { t } = useTranslation();
  return (
    <ConfirmAction
      {...rest}
      danger
      icon={<DeleteOutlined />}
      label={t("common:actions.delete")}
      question={question ?? t("common:confirm.delete", { name })}
      onConfirm={onDelete}
      doneMessage={t("common:messages.deleted")}
      onDone={onDeleted}
    />
  );
}
