import { App, Button, Popconfirm } from "antd";
import { useTranslation } from "react-i18next";
import { useProblemHandler } from "../hooks/useProblemHandler";

type Props = {
  /** What the confirmation names. */
  name: string;
  /** The delete; its problem (409 in use, 412 stale…) is shown the usual way. */
  onDelete: () => Promise<unknown>;
  testId?: string;
};

/** A table row's delete link: confirm, delete, then say so or show the problem. */
export function ConfirmDelete({ name, onDelete, testId }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  return (
    <Popconfirm
      title={t("common:confirm.delete", { name })}
      okText={t("common:confirm.yes")}
      cancelText={t("common:confirm.no")}
      onConfirm={() =>
        onDelete().then(
          () => void message.success(t("common:messages.deleted")),
          (e: unknown) => onProblem(e),
        )
      }
    >
      <Button type="link" size="small" danger data-testid={testId}>
        {t("common:actions.delete")}
      </Button>
    </Popconfirm>
  );
}
