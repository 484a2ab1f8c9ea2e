import { Button, Space, Tag, Typography } from "antd";
import { EditOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { DictionaryItem, FollowUp } from "../../../api/types";
import { ConfirmDelete } from "../../../shared/components/ConfirmDelete";
import { formatDateTime } from "../../../shared/format";
import { usePermission } from "../../auth/api";
import { followUpsApi } from "../api";
import { dictionaryLabel } from "../dictionary";

type Props = {
  followUp: FollowUp;
  kinds: readonly DictionaryItem[] | undefined;
  /** Who recorded it, by name. */
  author?: string;
  contactName?: string;
  /** Names of the participants, by id. */
  userNames: ReadonlyMap<string, string>;
  onEdit: (followUp: FollowUp) => void;
  /** The customer may not be changed here (read only, say): no edit or delete is offered. */
  readOnly?: boolean;
};

/** One follow-up as the timeline and the follow-ups tab show it, with its edit and delete. */
export function FollowUpEntry({ followUp: f, kinds, author, contactName, userNames, onEdit, readOnly = false }: Props) {
  const { t, i18n } = useTranslation();
  const can = usePermission();
  const remove = followUpsApi.useDelete();
  const none = t("common:values.none");
  const participants = f.participant_ids.map((id) => userNames.get(id) ?? id);

  return (
    <div data-testid="follow-up-item">
      <Space wrap size={[8, 4]}>
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {dictionaryLabel(kinds, f.kind, i18n.language, none)}
        </Tag>
        <Typography.Text type="secondary">{formatDateTime(f.occurred_at, none)}</Typography.Text>
        {author && <Typography.Text type="secondary">{author}</Typography.Text>}
        {contactName && <Typography.Text type="secondary">{t("customers:timeline.with", { name: contactName })}</Typography.Text>}
        {can("follow_ups:update") && !readOnly && (
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(f)} data-testid="follow-up-edit" style={{ paddingInline: 0 }}>
            {t("common:actions.edit")}
          </Button>
        )}
        {can("follow_ups:delete") && !readOnly && <ConfirmDelete name={f.content} question={t("customers:followUps.confirmDelete")} onDelete={() => remove.mutateAsync(f)} />}
      </Space>
      <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: "4px 0", overflowWrap: "anywhere" }} data-testid="follow-up-content-text">
        {f.content}
      </Typography.Paragraph>
      <Space direction="vertical" size={0}>
        {f.next_follow_up_at && (
          <Typography.Text type="warning" data-testid="follow-up-next-at">
            {t("customers:followUps.nextAt", { time: formatDateTime(f.next_follow_up_at, none) })}
          </Typography.Text>
        )}
        {participants.length > 0 && (
          <Typography.Text type="secondary">{t("customers:timeline.participants", { names: participants.join(t("customers:history.separator")) })}</Typography.Text>
        )}
      </Space>
    </div>
  );
}
