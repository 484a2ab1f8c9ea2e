import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { Button, Col, Row, Segmented, Skeleton, Space, Tooltip } from "antd";
import { ReloadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { problemText } from "../../../api/problem";
import { Panel, Text, Title } from "../../../shared/components/lightweight";
import { useTimeZone } from "../../../shared/timeZone";
import { useMe } from "../../auth/api";
import { useWorkbench, workbenchKeys, type Reach } from "../api";
import { cardOrder, type CardContext } from "../cards";
import { loadFollowUpComposer } from "../components/followUpComposerChunk";
import { WorkbenchCardView, type FollowUpTarget } from "../components/WorkbenchCardView";

// The home page is the first page of every session, so what it shows only on demand loads on
// demand: the follow-up composer (a form, selects and date pickers) when a rep first opens it,
// and antd's Result (with its illustrations) when the workbench fails to load.
const FollowUpComposer = lazy(() => loadFollowUpComposer().then((m) => ({ default: m.FollowUpComposer })));
const Result = lazy(() => import("antd/es/result"));

// 1 column on phones, 2 on tablets and narrow laptops, 3 from 1200 px.
const COLUMN = { xs: 24, md: 12, xl: 8 } as const;

/** The current time, moved on every minute so "in 2 h" stays true while the page is open. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

// A manager who looks at the team each morning finds it so next time: the choice is kept per user
// in this browser; a link's `?reach=` wins over it.
const REACH_KEY = "crm.workbench.reach.";

function storedReach(userId: string | undefined): Reach | null {
  if (!userId) return null;
  try {
    const value = globalThis.localStorage?.getItem(REACH_KEY + userId);
    return value === "team" || value === "mine" ? value : null;
  } catch {
    return null;
  }
}

function storeReach(userId: string | undefined, reach: Reach): void {
  if (!userId) return;
  try {
    globalThis.localStorage?.setItem(REACH_KEY + userId, reach);
  } catch {
    // Without storage the choice lasts while the URL keeps it.
  }
}

function hourIn(now: Date, zone: string): number {
  return Number(new Intl.DateTimeFormat("en-US", { timeZone: zone, hour: "numeric", hourCycle: "h23" }).format(now)) % 24;
}

function greetingKey(hour: number): string {
  if (hour < 12) return "workbench:greeting.morning";
  if (hour < 18) return "workbench:greeting.afternoon";
  return "workbench:greeting.evening";
}

export function WorkbenchPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const { zone } = useTimeZone();
  const now = useNow();
  const [searchParams, setSearchParams] = useSearchParams();
  // A rep sees only their own records: "team" would be the same cards, so they get no switch.
  const seesTeam = !!me && me.data_scope !== "self";
  const linked = searchParams.get("reach");
  const wanted = linked === "team" || linked === "mine" ? linked : storedReach(me?.id);
  const reach: Reach = seesTeam && wanted === "team" ? "team" : "mine";
  const workbench = useWorkbench(reach, zone);
  const queryClient = useQueryClient();
  // The customer stays while the composer closes, so its title does not change during the animation.
  const [followUp, setFollowUp] = useState<{ open: boolean; customer: FollowUpTarget | null }>({ open: false, customer: null });

  const setReach = (next: Reach) => {
    storeReach(me?.id, next);
    const params = new URLSearchParams(searchParams);
    params.set("reach", next);
    setSearchParams(params, { replace: true });
  };

  const cards = useMemo(() => [...(workbench.data?.cards ?? [])].sort((a, b) => cardOrder(a.key) - cardOrder(b.key)), [workbench.data]);
  const context: CardContext = { reach, now, zone, userId: me?.id };
  const name = me?.display_name || me?.username || "";
  const today = new Intl.DateTimeFormat(i18n.language, { timeZone: zone, dateStyle: "full" }).format(now);
  const total = (key: string) => cards.find((c) => c.key === key)?.total;
  const due = total("customers.follow_ups_due_today");
  const overdue = total("customers.follow_ups_overdue");

  return (
    <div data-testid="workbench">
      <div style={{ display: "flex", flexWrap: "wrap", alignItems: "flex-end", justifyContent: "space-between", gap: 12, marginBottom: 16 }}>
        <div style={{ flex: "1 1 240px", minWidth: 0 }}>
          <Title data-testid="welcome">
            {t(greetingKey(hourIn(now, zone)), { name })}
          </Title>
          <Text type="secondary" data-testid="workbench-date">
            {today}
            {due !== undefined && overdue !== undefined && <> · {t("workbench:summary", { due, overdue })}</>}
          </Text>
        </div>
        <Space wrap>
          {seesTeam && (
            <Segmented<Reach>
              aria-label={t("workbench:reach.label")}
              value={reach}
              onChange={setReach}
              options={[
                { value: "mine", label: t("workbench:reach.mine") },
                { value: "team", label: t("workbench:reach.team") },
              ]}
              data-testid="workbench-reach"
            />
          )}
          <Tooltip title={t("workbench:refresh")}>
            <Button icon={<ReloadOutlined />} aria-label={t("workbench:refresh")} loading={workbench.isFetching && !workbench.isPending} onClick={() => void workbench.refetch()} />
          </Tooltip>
        </Space>
      </div>

      {workbench.isPending ? (
        <Row gutter={[16, 16]} data-testid="workbench-loading">
          {Array.from({ length: 5 }, (_, i) => (
            <Col key={i} {...COLUMN}>
              <Panel size="small">
                <Skeleton active title={{ width: "50%" }} paragraph={{ rows: 4 }} />
              </Panel>
            </Col>
          ))}
        </Row>
      ) : workbench.isError ? (
        <Panel data-testid="workbench-error">
          <Suspense fallback={<Skeleton active paragraph={{ rows: 2 }} />}>
            <Result
              status="warning"
              title={t("workbench:loadFailed")}
              subTitle={problemText(workbench.error)}
              extra={
                <Button type="primary" onClick={() => void workbench.refetch()}>
                  {t("workbench:retry")}
                </Button>
              }
            />
          </Suspense>
        </Panel>
      ) : (
        <Row gutter={[16, 16]} data-testid="workbench-cards">
          {cards.map((card) => (
            <Col key={card.key} {...COLUMN}>
              <WorkbenchCardView card={card} context={context} onFollowUp={(customer) => setFollowUp({ open: true, customer })} />
            </Col>
          ))}
        </Row>
      )}
      {followUp.customer && (
        // The customer page's composer, for the card's customer: the same quick times, contacts,
        // participants and typed times as there. Its own invalidations refresh the customer's
        // page and lists; the cards are refreshed here.
        <Suspense fallback={null}>
          <FollowUpComposer
            open={followUp.open}
            subject={{ customerId: followUp.customer.id }}
            customerName={followUp.customer.name}
            followUp={null}
            onClose={() => setFollowUp((old) => ({ ...old, open: false }))}
            onSaved={() => void queryClient.invalidateQueries({ queryKey: workbenchKeys.all })}
          />
        </Suspense>
      )}
    </div>
  );
}
