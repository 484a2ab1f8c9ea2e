import type { CSSProperties, ReactNode } from "react";
import { Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import type { Customer } from "../../../api/types";
import { isOverdue, relativeDay } from "../followUpTimes";

const SHORT = "YYYY-MM-DD HH:mm";

/** A time as people plan by it: the day in words ("tomorrow", "in 3 days") and the exact time. */
function WhenText({ at, danger = false }: { at: string; danger?: boolean }) {
  const { t } = useTranslation();
  const time = dayjs(at);
  const rel = relativeDay(time);
  return (
    <>
      <Typography.Text strong type={danger ? "danger" : undefined}>
        {t(`customers:due.${rel.key}`, { count: rel.count })}
      </Typography.Text>
      <Typography.Text type={danger ? "danger" : "secondary"}>{time.format(SHORT)}</Typography.Text>
    </>
  );
}

/** One fact of the header; its words wrap as whole words (a phone), never a letter at a time. */
function Fact({ children, testId, extra }: { children: ReactNode; testId?: string; extra?: Record<string, string> }) {
  return (
    <span data-testid={testId} {...extra} style={FACT}>
      {children}
    </span>
  );
}

const FACT: CSSProperties = { display: "inline-flex", flexWrap: "wrap", alignItems: "center", columnGap: 4, whiteSpace: "nowrap" };

/** The header's lines under the name: code, owner, and where the follow-ups stand. */
export function CustomerHeaderInfo({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation();
  const none = t("common:values.none");
  const overdue = isOverdue(c.next_follow_up_at);
  const label = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
  return (
    <div style={{ display: "flex", flexWrap: "wrap", columnGap: 24, rowGap: 4 }}>
      <Fact>
        <Typography.Text type="secondary">{t("customers:detail.code", { code: c.code })}</Typography.Text>
      </Fact>
      <Fact>
        <Typography.Text type="secondary" data-testid="customer-owner">
          {t("customers:detail.owner", { name: c.owner_name || none })}
        </Typography.Text>
      </Fact>
      <Fact testId="customer-next-follow-up" extra={{ "data-overdue": overdue ? "true" : "false" }}>
        {label(t("customers:header.next"))}
        {c.next_follow_up_at ? <WhenText at={c.next_follow_up_at} danger={overdue} /> : <Typography.Text type="secondary">{t("customers:header.notPlanned")}</Typography.Text>}
        {overdue && (
          <Tag color="error" style={{ marginInlineEnd: 0 }}>
            {t("customers:header.overdue")}
          </Tag>
        )}
      </Fact>
      <Fact testId="customer-last-follow-up">
        {label(t("customers:header.last"))}
        {c.last_follow_up_at ? <WhenText at={c.last_follow_up_at} /> : <Typography.Text type="secondary">{t("customers:header.never")}</Typography.Text>}
      </Fact>
    </div>
  );
}
