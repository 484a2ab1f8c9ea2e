import { Empty, Space, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTimeShort } from "../../../shared/format";
import { useUserNames } from "../../../shared/userNames";
import { eventData, type ApprovalEvent, type ApprovalStep } from "../model";

const COLORS: Record<string, string> = { approve: "green", approved: "green", reject: "red", rejected: "red", withdraw: "gray", comment: "gray" };

/** What happened to an approval, oldest first: who did what at which step, with their comments. */
export function EventsTimeline({ events, steps }: { events: readonly ApprovalEvent[]; steps: readonly ApprovalStep[] }) {
  const { t } = useTranslation();
  const names = useUserNames(events.map((e) => (e.action === "transfer" ? String(eventData(e, "to") ?? "") : undefined)));
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("approvals:detail.noEvents")} />;

  const actionText = (event: ApprovalEvent) => {
    if (event.action === "transfer") {
      const to = eventData(event, "to");
      const name = typeof to === "string" ? names.get(to) : undefined;
      return name ? t("approvals:events.transfer", { to: name }) : t("approvals:events.transferUnknown");
    }
    return t(`approvals:events.${event.action}`, { defaultValue: event.action });
  };
  const stepName = (index: number | null | undefined) => steps.find((s) => s.index === index)?.name;

  return (
    <Timeline
      data-testid="approval-events"
      items={events.map((event) => {
        const step = stepName(event.step_index);
        const round = event.action === "submit" ? eventData(event, "round") : undefined;
        return {
          key: event.id,
          color: COLORS[event.action] ?? "blue",
          children: (
            <div data-testid="approval-event" data-action={event.action}>
              <Space wrap size={6}>
                <Typography.Text strong>{event.actor_name || t("approvals:events.system")}</Typography.Text>
                <Typography.Text>{actionText(event)}</Typography.Text>
                {round !== undefined && <Typography.Text type="secondary">{t("approvals:events.roundOf", { round })}</Typography.Text>}
              </Space>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTimeShort(event.at)}
                  {step ? ` · ${t("approvals:events.atStep", { step })}` : ""}
                </Typography.Text>
              </div>
              {event.comment && (
                <Typography.Paragraph style={{ margin: "4px 0 0", whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} data-testid="approval-event-comment">
                  {event.comment}
                </Typography.Paragraph>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
