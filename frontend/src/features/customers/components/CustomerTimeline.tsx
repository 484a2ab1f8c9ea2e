import { Alert, Button, Empty, Skeleton, Space, Tag, Timeline, Typography } from "antd";
import { MessageOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { FollowUp, TimelineItem } from "../../../api/types";
import { problemText } from "../../../api/problem";
import { ACTION_COLORS, historyFieldLabel } from "../../../shared/resource/ChangeHistory";
import { formatDateTime, formatValue } from "../../../shared/format";
import { useUserNames } from "../../../shared/userNames";
import { usePermission } from "../../auth/api";
import { useContacts, useCustomerTimeline, useDictionary } from "../api";
import { mergeTimelinePages, timelineActorId, timelineChanges, timelineKey } from "../timeline";
import { useCustomerHistoryText } from "./customerHistoryText";
import { FollowUpEntry } from "./FollowUpEntry";

/** A timeline dot takes a colour name or CSS colour; a tag's "default" is grey there. */
function dotColor(kind: string): string {
  if (kind === "follow_up") return "blue";
  const color = ACTION_COLORS[kind];
  return !color || color === "default" ? "gray" : color;
}

/** Logged fields that hold a user's id, shown by name. */
const USER_FIELDS = new Set(["owner_id", "created_by"]);

/** The shares a `collaborators` change logs: `[{ user_id, access }]`, before and after. */
function shares(value: unknown): { user_id: string; access: string }[] {
  if (!Array.isArray(value)) return [];
  return value.filter((s): s is { user_id: string; access: string } => typeof s === "object" && s !== null && typeof (s as { user_id?: unknown }).user_id === "string");
}

type Props = {
  customerId: string;
  onCompose: (followUp: FollowUp | null) => void;
  composeBlocked?: string;
};

/**
 * 动态: everything that happened to the customer, newest first — follow-ups, pool moves, owner
 * and field changes — with "load more" for older entries.
 */
export function CustomerTimeline({ customerId, onCompose, composeBlocked }: Props) {
  const { t } = useTranslation();
  const can = usePermission();
  const timeline = useCustomerTimeline(customerId);
  const kinds = useDictionary("follow_up_type");
  const contacts = useContacts(customerId, can("contacts:read"));
  const { valueText, actionLabel } = useCustomerHistoryText();
  const none = t("common:values.none");
  const items = mergeTimelinePages(timeline.data?.pages ?? []);
  const contactName = new Map((contacts.data?.items ?? []).map((c) => [c.id, c.name]));
  const userNames = useUserNames(
    items.flatMap((item) => [
      timelineActorId(item),
      ...(item.follow_up?.participant_ids ?? []),
      ...item.changes.filter((c) => USER_FIELDS.has(c.field)).flatMap((c) => [c.before, c.after]).filter((v): v is string => typeof v === "string"),
      ...item.changes.filter((c) => c.field === "collaborators").flatMap((c) => [...shares(c.before), ...shares(c.after)].map((s) => s.user_id)),
    ]),
  );
  const fieldLabel = historyFieldLabel(t, "customers:fields");
  const author = (item: TimelineItem) => userNames.get(timelineActorId(item) ?? "") || item.actor_name || t("customers:timeline.system");
  const value = (field: string, v: unknown) => {
    if (typeof v === "string" && USER_FIELDS.has(field)) return userNames.get(v) ?? v;
    // Who the customer is shared with, by name and access, not as the logged JSON.
    if (field === "collaborators" && Array.isArray(v)) {
      const list = shares(v);
      if (list.length === 0) return none;
      return list
        .map((s) => t("customers:timeline.share", { name: userNames.get(s.user_id) ?? s.user_id, access: t(`customers:collaborators.access.${s.access}`, { defaultValue: s.access }) }))
        .join(t("customers:history.separator"));
    }
    return valueText(field, v, none) ?? formatValue(v, none);
  };

  const entry = (item: TimelineItem) => {
    if (item.follow_up) {
      const f = item.follow_up;
      return (
        <FollowUpEntry
          followUp={f}
          kinds={kinds.data}
          author={author(item)}
          contactName={f.contact_id ? contactName.get(f.contact_id) : undefined}
          userNames={userNames}
          onEdit={onCompose}
          readOnly={!!composeBlocked}
        />
      );
    }
    const changes = timelineChanges(item);
    return (
      <div data-testid="timeline-event" data-kind={item.kind}>
        <Space wrap size={[8, 4]}>
          <Tag color={ACTION_COLORS[item.kind]} style={{ marginInlineEnd: 0 }}>
            {actionLabel(item.kind)}
          </Tag>
          <Typography.Text type="secondary">{formatDateTime(item.at, none)}</Typography.Text>
          <Typography.Text type="secondary">{author(item)}</Typography.Text>
        </Space>
        {changes.length > 0 && (
          <ul style={{ margin: "4px 0 0", paddingInlineStart: 18 }}>
            {changes.map((c) => (
              <li key={c.field} style={{ overflowWrap: "anywhere" }}>
                <Typography.Text type="secondary">{t("customers:timeline.field", { field: fieldLabel(c.field) })}</Typography.Text>
                {c.before === null || c.before === undefined || c.before === "" ? (
                  value(c.field, c.after)
                ) : (
                  <>
                    <Typography.Text delete type="secondary">
                      {value(c.field, c.before)}
                    </Typography.Text>
                    {" → "}
                    {value(c.field, c.after)}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  };

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="customer-timeline">
      {can("follow_ups:create") && !composeBlocked && (
        <Button icon={<PlusOutlined />} onClick={() => onCompose(null)} data-testid="timeline-compose">
          {t("customers:composer.createTitle")}
        </Button>
      )}
      {timeline.isPending ? (
        <Skeleton active />
      ) : timeline.isError ? (
        <Alert type="error" showIcon message={problemText(timeline.error)} />
      ) : items.length === 0 ? (
        <Empty description={t("customers:timeline.empty")} />
      ) : (
        <>
          <Timeline
            items={items.map((item) => ({
              key: timelineKey(item),
              color: dotColor(item.kind),
              dot: item.follow_up ? <MessageOutlined /> : undefined,
              children: entry(item),
            }))}
          />
          {timeline.hasNextPage && (
            <Button block onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage} data-testid="timeline-more">
              {t("customers:timeline.loadMore")}
            </Button>
          )}
        </>
      )}
    </Space>
  );
}
