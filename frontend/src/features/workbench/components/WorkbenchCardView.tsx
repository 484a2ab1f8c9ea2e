import { Button, Space, Tooltip, theme } from "antd";
import { EditOutlined } from "@ant-design/icons";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { EmptyNote, Panel, Text } from "../../../shared/components/lightweight";
import { recordPath } from "../../../shared/recordLinks";
import { entityName } from "../../../shared/systemText";
import { usePermission } from "../../auth/api";
import type { WorkbenchCard, WorkbenchItem } from "../api";
import { cardDefinition, fallbackTitle, type CardContext } from "../cards";
import { relativeTime, timeText } from "../relativeTime";
import { formatMoney } from "../../products/money";
import { OwnerBreakdown } from "./OwnerBreakdown";
import { loadFollowUpComposer } from "./followUpComposerChunk";

/** The customer a card's 写跟进 is for. */
export type FollowUpTarget = { id: string; name: string };

type Props = {
  card: WorkbenchCard;
  context: CardContext;
  onFollowUp: (customer: FollowUpTarget) => void;
};

/** The item's time in the user's zone and language, for the tooltip over the relative text. */
function exactTime(at: string, zone: string, language: string): string {
  return new Intl.DateTimeFormat(language, { timeZone: zone, dateStyle: "medium", timeStyle: "short" }).format(new Date(at));
}

export function WorkbenchCardView({ card, context, onFollowUp }: Props) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const can = usePermission();
  const definition = cardDefinition(card.key);
  const title = t(definition.title, { defaultValue: fallbackTitle(card.key) });
  const viewAll = definition.viewAll?.(context);
  const team = context.reach === "team";
  const toneColor = { danger: token.colorError, warning: token.colorWarning, normal: token.colorText }[definition.tone];
  const action = definition.action && can(definition.action.permission) ? definition.action : undefined;
  const more = card.total - card.items.length;

  const itemRow = (item: WorkbenchItem, index: number) => {
    const path = recordPath(item.entity, item.id, item.name, can);
    const when = relativeTime(item.at, context.now, context.zone, definition.time);
    const late = definition.time === "overdue" || (definition.time === "due" && when?.key === "workbench:time.late");
    return (
      <div key={`${item.entity}:${item.id}`} className="workbench-item" data-testid="workbench-item" data-id={item.id} style={{ display: "flex", alignItems: "center", gap: 8, padding: "8px 0", borderTop: index > 0 ? `1px solid ${token.colorSplit}` : undefined }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Text ellipsis={{ tooltip: item.name }} strong style={{ display: "block" }}>
            {path ? <Link to={path}>{item.name}</Link> : item.name}
          </Text>
          <Text type="secondary" style={{ fontSize: 12 }} ellipsis>
            {definition.mixed && <span data-testid="workbench-item-entity">{entityName(t, item.entity)} · </span>}
            {when && item.at && (
              <Tooltip title={exactTime(item.at, context.zone, i18n.language)}>
                <span style={late ? { color: token.colorError } : undefined} data-testid="workbench-item-time">
                  {timeText(t, when)}
                </span>
              </Tooltip>
            )}
            {team && (item.owner_name || item.owner_id) && (
              <span data-testid="workbench-item-owner">
                {when ? " · " : ""}
                {item.owner_name || t("workbench:noOwner")}
              </span>
            )}
          </Text>
        </div>
        {action && item.entity === "customers" && (
          <Button size="small" icon={<EditOutlined />} onPointerEnter={() => void loadFollowUpComposer()} onFocus={() => void loadFollowUpComposer()} onClick={() => onFollowUp({ id: item.id, name: item.name })} data-testid="workbench-follow-up">
            {t("workbench:followUp.action")}
          </Button>
        )}
      </div>
    );
  };

  return (
    <Panel
      size="small"
      data-testid={`workbench-card-${card.key}`}
      data-card={card.key}
      style={{ height: "100%" }}
      title={
        <Space size={8} style={{ minWidth: 0 }}>
          <span style={{ color: toneColor }}>{definition.icon}</span>
          <span>{title}</span>
          <Text strong style={{ color: card.total > 0 ? toneColor : token.colorTextSecondary, fontSize: 18 }} data-testid="workbench-card-total">
            {card.total}
          </Text>
        </Space>
      }
      extra={
        viewAll && card.total > 0 ? (
          <Link to={viewAll} data-testid="workbench-view-all">
            {t("workbench:viewAll")}
          </Link>
        ) : undefined
      }
    >
      {card.amount != null && (
        <Text type="secondary" style={{ display: "block", fontSize: 12, marginBottom: 4 }} data-testid="workbench-card-amount">
          {t("workbench:amount", { amount: formatMoney(card.amount, null, i18n.language) })}
          {card.weighted_amount != null && ` · ${t("workbench:weightedAmount", { amount: formatMoney(card.weighted_amount, null, i18n.language) })}`}
        </Text>
      )}
      {card.target_amount != null && <TargetBar won={card.amount ?? "0"} target={card.target_amount} />}
      {card.items.length === 0 ? (
        <EmptyNote description={t(definition.empty, { defaultValue: t("workbench:cards.genericEmpty") })} data-testid="workbench-card-empty" />
      ) : (
        <div style={{ marginTop: -4 }}>
          {card.items.map(itemRow)}
          {more > 0 && (
            <div style={{ paddingTop: 8, borderTop: `1px solid ${token.colorSplit}` }}>
              {viewAll ? <Link to={viewAll}>{t("workbench:more", { count: more })}</Link> : <Text type="secondary">{t("workbench:more", { count: more })}</Text>}
            </div>
          )}
        </div>
      )}
      {team && card.by_owner.length > 0 && (
        <OwnerBreakdown owners={card.by_owner} link={definition.viewAll ? (ownerId) => definition.viewAll?.({ ...context, ownerId }) : undefined} />
      )}
    </Panel>
  );
}

/** Won against the month's sales plan: the two amounts and a thin bar (plain elements: the first page is at its size budget). */
function TargetBar({ won, target }: { won: string; target: string }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const goal = Number(target);
  const percent = goal > 0 ? Math.floor((Number(won) / goal) * 100) : 0;
  return (
    <div data-testid="workbench-card-target" style={{ marginBottom: 8 }}>
      <Text style={{ display: "block", fontSize: 12 }}>
        {t("workbench:target", { won: formatMoney(won, "CNY", i18n.language), target: formatMoney(target, "CNY", i18n.language) })}
      </Text>
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(percent, 100)}
        aria-label={t("workbench:targetProgress", { percent })}
        title={t("workbench:targetProgress", { percent })}
        style={{ height: 6, borderRadius: 3, background: token.colorFillSecondary, overflow: "hidden", marginTop: 4 }}
      >
        <div style={{ width: `${Math.min(percent, 100)}%`, height: "100%", background: percent >= 100 ? token.colorSuccess : token.colorPrimary }} />
      </div>
      <Text type="secondary" style={{ fontSize: 12 }} data-testid="workbench-card-target-percent">
        {t("workbench:targetProgress", { percent })}
      </Text>
    </div>
  );
}
