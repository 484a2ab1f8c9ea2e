import { App, Button, Popconfirm, Tooltip } from "antd";
import { DeleteOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useProblemHandler } from "../hooks/useProblemHandler";

type Props = {
  /** What the confirmation names. */
  name: string;
  /** The question, when "Delete <name>?" does not fit (an entry without a name). */
  question?: string;
  /** The delete; its problem (409 in use, 412 stale…) is shown the usual way. */
  onDelete: () => Promise<unknown>;
  /** After the record is gone, e.g. to leave its page. */
  onDeleted?: () => void;
  testId?: string;
  /** A table row's link (default), a page header's button, or a bare icon (a tree node's). */
  variant?: "link" | "button" | "icon";
  /** Why this record cannot be deleted (a built-in role, say): the button shows greyed with the reason. */
  blockedReason?: string;
};

/** A delete button: confirm, delete, then say so or show the problem. */
export function ConfirmDelete({ name, question, onDelete, onDeleted, testId, variant = "link", blockedReason }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const label = t("common:actions.delete");
  const button =
    variant === "icon" ? (
      <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={label} disabled={!!blockedReason} data-testid={testId} />
    ) : (
      <Button type={variant === "link" ? "link" : "default"} size={variant === "link" ? "small" : "middle"} danger disabled={!!blockedReason} data-testid={testId}>
        {label}
      </Button>
    );
  if (blockedReason) return <Tooltip title={blockedReason}>{button}</Tooltip>;
  return (
    <Popconfirm
      title={question ?? t("common:confirm.delete", { name })}
      okText={t("common:confirm.yes")}
      cancelText={t("common:confirm.no")}
      onConfirm={() =>
        onDelete().then(
          () => {
            message.success(t("common:messages.deleted"));
            onDeleted?.();
          },
          (e: unknown) => onProblem(e),
        )
      }
    >
      {button}
    </Popconfirm>
  );
}
