import { useEffect, useRef, useState, type DragEvent } from "react";
import { App, Badge, Button, Card, Dropdown, Empty, Input, Space, Spin, Typography } from "antd";
import { EllipsisOutlined, UnorderedListOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { problemText } from "../../../api/problem";
import { UserPicker } from "../../../shared/components/UserPicker";
import { useMe, usePermission } from "../../auth/api";
import { formatMoney } from "../../products/money";
import { seesOthers } from "../access";
import { fetchColumnPage, useBoard, type BoardColumn, type Opportunity, type PipelineStage } from "../api";
import { appendPage, columnCards } from "../board";
import { useStageMove } from "../components/useStageMove";
import { OPPORTUNITIES_PATH } from "../paths";
import { isExpired, stageName } from "../stages";

/** Cards a column shows at first and loads at a time. */
const PAGE_SIZE = 10;
const CARD_TYPE = "application/x-crm-opportunity";

type Extra = { page: number; items: Opportunity[]; loading: boolean };

/**
 * 商机看板: a column per stage with its count, amount and weighted amount, and its cards by
 * position. A card dragged to another column (or moved with its menu, on a phone) moves the
 * opportunity there; the server's refusal puts it back and says why.
 */
export function OpportunityBoardPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const ownerId = params.get("owner_id") ?? "";
  const filters = { q: q || undefined, owner_id: ownerId || undefined };
  const board = useBoard({ ...filters, page_size: PAGE_SIZE });
  const { move, modal } = useStageMove();
  // Cards of further pages, per stage; forgotten whenever the board is read again.
  const [extra, setExtra] = useState<Record<string, Extra>>({});
  // A card shown in the column it was dropped on until the board is read again (or put back on a refusal).
  const [moved, setMoved] = useState<Record<string, string>>({});
  const [over, setOver] = useState<string | null>(null);
  // The card being dragged: some browsers hand a drop only the plain-text data, or none.
  const dragged = useRef<string | null>(null);
  const editable = can("opportunities:update");

  useEffect(() => {
    setExtra({});
    setMoved({});
  }, [board.dataUpdatedAt]);

  const setFilter = (name: "q" | "owner_id", value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const columns = board.data?.columns ?? [];
  const stages = columns.map((c) => c.stage);
  const all = columns.flatMap((c) => [...c.items, ...(extra[c.stage.id]?.items ?? [])]);
  const cardsOf = (column: BoardColumn) => columnCards(column.stage.id, [...column.items, ...(extra[column.stage.id]?.items ?? [])], all, moved);

  const moveCard = async (o: Opportunity, stage: PipelineStage) => {
    if ((moved[o.id] ?? o.stage_id) === stage.id) return;
    setMoved((m) => ({ ...m, [o.id]: stage.id }));
    const ok = await move(o, stage);
    if (!ok) {
      setMoved((m) => {
        const { [o.id]: _gone, ...rest } = m;
        return rest;
      });
    }
  };

  const loadMore = (column: BoardColumn) => {
    const id = column.stage.id;
    const page = (extra[id]?.page ?? 1) + 1;
    setExtra((e) => ({ ...e, [id]: { page: e[id]?.page ?? 1, items: e[id]?.items ?? [], loading: true } }));
    fetchColumnPage({ ...filters, stage_id: id, page, page_size: PAGE_SIZE }).then(
      (answer) =>
        setExtra((e) => ({ ...e, [id]: { page, items: appendPage(column.items, e[id]?.items ?? [], answer.items), loading: false } })),
      (error: unknown) => {
        setExtra((e) => ({ ...e, [id]: { page: page - 1, items: e[id]?.items ?? [], loading: false } }));
        message.error(problemText(error));
      },
    );
  };

  const onDrop = (event: DragEvent, column: BoardColumn) => {
    event.preventDefault();
    setOver(null);
    const id = event.dataTransfer.getData(CARD_TYPE) || dragged.current;
    dragged.current = null;
    const card = all.find((o) => o.id === id);
    if (card) void moveCard(card, column.stage);
  };

  return (
    <Card styles={{ body: { padding: 16 } }}>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("opportunities:boardTitle")}
        </Typography.Title>
        <Space wrap>
          <Input.Search
            allowClear
            defaultValue={q}
            key={q}
            placeholder={t("opportunities:search.qPlaceholder")}
            onSearch={(value) => setFilter("q", value.trim() || undefined)}
            style={{ width: 200 }}
            data-testid="board-search"
          />
          {seesOthers(me) && (
            <UserPicker
              value={ownerId || undefined}
              onChange={(value) => setFilter("owner_id", value)}
              placeholder={t("opportunities:board.allOwners")}
              style={{ width: 180 }}
              data-testid="board-owner"
            />
          )}
          <Link to={OPPORTUNITIES_PATH}>
            <Button icon={<UnorderedListOutlined />}>{t("opportunities:board.list")}</Button>
          </Link>
        </Space>
      </Space>
      {editable && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t("opportunities:board.dragHint")}
        </Typography.Paragraph>
      )}
      <Spin spinning={board.isFetching && !board.data}>
        <div
          data-testid="board"
          style={{ display: "flex", gap: 12, overflowX: "auto", paddingBottom: 8, scrollSnapType: "x proximity", minHeight: 200, alignItems: "flex-start" }}
        >
          {columns.map((column) => {
            const cards = cardsOf(column);
            const shown = column.items.length + (extra[column.stage.id]?.items.length ?? 0);
            const name = stageName(column.stage, i18n.language);
            return (
              <div
                key={column.stage.id}
                data-testid="board-column"
                data-stage={column.stage.name_zh}
                data-kind={column.stage.kind}
                onDragOver={(event) => {
                  if (!editable) return;
                  event.preventDefault();
                  setOver(column.stage.id);
                }}
                onDragLeave={() => setOver((o) => (o === column.stage.id ? null : o))}
                onDrop={(event) => onDrop(event, column)}
                style={{
                  flex: "0 0 auto",
                  width: "min(280px, 82vw)",
                  scrollSnapAlign: "start",
                  background: over === column.stage.id ? "#e6f4ff" : "#f5f5f5",
                  outline: over === column.stage.id ? "2px dashed #1677ff" : undefined,
                  borderRadius: 8,
                  padding: 8,
                }}
              >
                <div style={{ padding: "4px 4px 8px" }}>
                  <Space style={{ width: "100%", justifyContent: "space-between" }}>
                    <Typography.Text strong ellipsis style={{ maxWidth: 180 }}>
                      {name}
                    </Typography.Text>
                    <Badge count={column.count} showZero color={column.stage.kind === "won" ? "#52c41a" : column.stage.kind === "lost" ? "#bfbfbf" : "#1677ff"} data-testid="column-count" overflowCount={99999} />
                  </Space>
                  <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }} data-testid="column-amount">
                    {t("opportunities:board.amount", { amount: formatMoney(column.amount, null, i18n.language) })}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                    {t("opportunities:board.weighted", { amount: formatMoney(column.weighted_amount, null, i18n.language) })} · {column.stage.probability}%
                  </Typography.Text>
                </div>
                <Space direction="vertical" size={8} style={{ width: "100%" }}>
                  {cards.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("opportunities:board.empty")} style={{ margin: "8px 0" }} />}
                  {cards.map((o) => (
                    <BoardCard
                      key={o.id}
                      opportunity={o}
                      stages={stages}
                      draggable={editable}
                      onDragStart={() => (dragged.current = o.id)}
                      onMove={(stage) => void moveCard(o, stage)}
                      currentStage={moved[o.id] ?? o.stage_id}
                    />
                  ))}
                  {shown < column.count && (
                    <Button block type="dashed" loading={extra[column.stage.id]?.loading} onClick={() => loadMore(column)} data-testid="column-load-more">
                      {t("opportunities:board.loadMore")}
                    </Button>
                  )}
                </Space>
              </div>
            );
          })}
        </div>
      </Spin>
      {modal}
    </Card>
  );
}

type CardProps = { opportunity: Opportunity; stages: PipelineStage[]; currentStage: string; draggable: boolean; onDragStart: () => void; onMove: (stage: PipelineStage) => void };

function BoardCard({ opportunity: o, stages, currentStage, draggable, onDragStart, onMove }: CardProps) {
  const { t, i18n } = useTranslation();
  const today = dayjs().format("YYYY-MM-DD");
  const none = t("common:values.none");
  return (
    <Card
      size="small"
      data-testid="board-card"
      data-id={o.id}
      draggable={draggable}
      onDragStart={(event) => {
        event.dataTransfer.setData(CARD_TYPE, o.id);
        event.dataTransfer.setData("text/plain", o.name);
        event.dataTransfer.effectAllowed = "move";
        onDragStart();
      }}
      style={{ cursor: draggable ? "grab" : undefined }}
      styles={{ body: { padding: 10 } }}
    >
      <Space style={{ width: "100%", justifyContent: "space-between", alignItems: "flex-start" }} size={4}>
        <Link to={`${OPPORTUNITIES_PATH}/${o.id}`} style={{ fontWeight: 500, wordBreak: "break-word" }} data-testid="board-card-name">
          {o.name}
        </Link>
        {draggable && (
          <Dropdown
            trigger={["click"]}
            placement="bottomRight"
            menu={{
              items: [
                { key: "title", type: "group", label: t("opportunities:board.moveTo") },
                ...stages.map((s) => ({ key: s.id, label: <span data-testid="board-move-option">{stageName(s, i18n.language)}</span>, disabled: s.id === currentStage })),
              ],
              onClick: ({ key }) => {
                const stage = stages.find((s) => s.id === key);
                if (stage) onMove(stage);
              },
            }}
          >
            <Button type="text" size="small" icon={<EllipsisOutlined />} aria-label={t("opportunities:board.moveTo")} data-testid="board-card-menu" />
          </Dropdown>
        )}
      </Space>
      <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }} ellipsis>
        {o.customer_name || none}
      </Typography.Text>
      <Space style={{ width: "100%", justifyContent: "space-between", marginTop: 4 }} size={4} wrap>
        <Typography.Text strong data-testid="board-card-amount">
          {formatMoney(o.amount, o.currency, i18n.language)}
        </Typography.Text>
        <Typography.Text type={isExpired(o, today) ? "danger" : "secondary"} style={{ fontSize: 12 }}>
          {o.expected_close_date || ""}
        </Typography.Text>
      </Space>
      <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
        {o.owner_name || none}
      </Typography.Text>
    </Card>
  );
}
