import { Button, Empty, Space, Timeline } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { FollowUp } from "../../../api/types";
import { useUserNames } from "../../../shared/userNames";
import { usePermission } from "../../auth/api";
import { useDictionary, useFollowUps, useSubjectContacts } from "../api";
import type { FollowUpSubject } from "../followUpSubject";
import { FollowUpEntry } from "./FollowUpEntry";

type Props = {
  /** The customer or the lead whose follow-ups these are. */
  subject: FollowUpSubject;
  /** Opens the composer: a new follow-up (null) or a correction. */
  onCompose: (followUp: FollowUp | null) => void;
  /**
   * Why logging or correcting one is not offered here (a public customer, read only; a pooled or
   * converted lead); undefined when it may be tried.
   */
  composeBlocked?: string;
};

/** Newest first, whatever order the server used. */
function newestFirst(items: readonly FollowUp[]): FollowUp[] {
  return [...items].sort((a, b) => b.occurred_at.localeCompare(a.occurred_at));
}

/** The customer's or lead's follow-ups alone, newest first; writing and correcting happen in the composer. */
export function FollowUpsTab({ subject, onCompose, composeBlocked }: Props) {
  const { t } = useTranslation();
  const can = usePermission();
  const followUps = useFollowUps(subject);
  const contacts = useSubjectContacts(subject, can("contacts:read"));
  const kinds = useDictionary("follow_up_type");
  const items = newestFirst(followUps.data?.items ?? []);
  const contactName = new Map((contacts.data?.items ?? []).map((c) => [c.id, c.name]));
  const userNames = useUserNames(items.flatMap((f) => [f.owner_id, ...f.participant_ids]));

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      {can("follow_ups:create") && !composeBlocked && (
        <Button icon={<PlusOutlined />} onClick={() => onCompose(null)} data-testid="follow-up-create">
          {t("customers:composer.createTitle")}
        </Button>
      )}
      {items.length === 0 ? (
        <Empty description={t("customers:followUps.empty")} />
      ) : (
        <Timeline
          style={{ paddingTop: 8 }}
          data-testid="follow-up-timeline"
          items={items.map((f) => ({
            key: f.id,
            children: (
              <FollowUpEntry
                followUp={f}
                kinds={kinds.data}
                author={userNames.get(f.owner_id)}
                contactName={f.contact_id ? contactName.get(f.contact_id) : undefined}
                userNames={userNames}
                onEdit={onCompose}
                readOnly={!!composeBlocked}
              />
            ),
          }))}
        />
      )}
    </Space>
  );
}
