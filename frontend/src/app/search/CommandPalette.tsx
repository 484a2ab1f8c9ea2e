import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Button, Empty, Input, Modal, Spin, Typography, theme, type InputRef } from "antd";
import { ClockCircleOutlined, PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { useQueries } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { problemText } from "../../api/problem";
import { useMe, usePermission } from "../../features/auth/api";
import { useDebouncedValue } from "../../shared/hooks/useDebouncedValue";
import { FEATURES } from "../features";
import type { SearchHit, SearchSource } from "../registry";
import { readRecents, recordRecent } from "./recents";
import { highlightParts, normalizeQuery, paletteResults, queryWords, searchSourcesFor, type SearchGroup } from "./source";

/** Long enough to skip the requests of a word being typed, short enough to feel immediate. */
const DEBOUNCE_MS = 250;

type Props = {
  open: boolean;
  onClose: () => void;
  /** On a phone the palette takes the whole screen. */
  fullScreen: boolean;
};

const hitKey = (hit: SearchHit) => `${hit.source}:${hit.id}`;

/** The state a list page reads to open its create form with a name filled in. */
export type CreateFromSearch = { create: { name: string } };

function Highlighted({ text, q }: { text: string; q: string }) {
  const { token } = theme.useToken();
  return (
    <>
      {highlightParts(text, q).map((part, i) =>
        part.match ? (
          <mark key={i} style={{ background: "transparent", color: token.colorPrimary, padding: 0, fontWeight: 600 }}>
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

/**
 * The global search: one box over every module's records (customers, contacts, products,
 * suppliers, and whatever registers a source later), the recently viewed records when it is empty.
 */
export function CommandPalette({ open, onClose, fullScreen }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const can = usePermission();
  const { data: me } = useMe();
  const sources = useMemo(() => searchSourcesFor(FEATURES, me?.permissions), [me?.permissions]);
  const input = useRef<InputRef>(null);
  const list = useRef<HTMLDivElement>(null);
  const [text, setText] = useState("");
  // While an IME composes (pinyin), the letters typed are not the words meant: search what was committed.
  const [committed, setCommitted] = useState("");
  const q = useDebouncedValue(normalizeQuery(committed), DEBOUNCE_MS);
  // The chosen record by its key, not its place: a group answering late must not move the choice.
  const [activeKey, setActiveKey] = useState<string | null>(null);
  // Opened again, the palette starts from the recent records, not the last search. Cleared on
  // opening rather than after the closing animation, which a navigation can cut short.
  useEffect(() => {
    if (open) {
      setText("");
      setCommitted("");
    }
  }, [open]);

  const results = useQueries({
    queries: sources.map((source) => ({
      queryKey: ["search", source.key, q],
      // React Query aborts the signal when the query is left (the words changed, the palette closed).
      queryFn: ({ signal }: { signal: AbortSignal }) => source.search(q, signal),
      enabled: open && q !== "",
      staleTime: 10_000,
      retry: false,
    })),
  });

  const found = new Map(sources.map((source, i) => [source.key, results[i]?.data ?? []]));
  const { groups, flat } = q === "" ? { groups: [] as SearchGroup[], flat: [] as SearchHit[] } : paletteResults(sources, found, q);
  const failures = sources.flatMap((source, i) => (results[i]?.isError ? [{ source, error: results[i]?.error }] : []));
  const pending = q !== "" && results.some((r) => r.isPending && r.fetchStatus === "fetching");
  const typingAhead = normalizeQuery(committed) !== q;

  // The recently viewed records, read anew each time the palette opens; only kinds the user may still read.
  const recents = useMemo(
    () => (open && me ? readRecents(me.id).filter((entry) => sources.some((s) => s.key === entry.source)) : []),
    [open, me, sources],
  );
  const showingRecents = normalizeQuery(text) === "";
  const items = showingRecents ? recents : flat;

  const chosen = items.findIndex((hit) => hitKey(hit) === activeKey);
  const active = chosen === -1 ? 0 : chosen;
  const setActive = (index: number) => setActiveKey(items[index] ? hitKey(items[index]) : null);
  useEffect(() => setActiveKey(null), [q, showingRecents]);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const sourceOf = (key: string) => sources.find((s) => s.key === key);

  const choose = (hit: SearchHit) => {
    if (me) recordRecent(me.id, hit);
    onClose();
    navigate(hit.path);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter that ends an IME composition picks the characters, not a result.
    if (e.nativeEvent.isComposing) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (items.length === 0) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((active + step + items.length) % items.length);
    } else if (e.key === "Enter") {
      e.preventDefault();
      const hit = items[active];
      if (hit) choose(hit);
    }
  };

  const option = (hit: SearchHit, index: number, icon: ReactNode) => {
    const selected = index === active;
    return (
      <div
        key={hitKey(hit)}
        id={`search-option-${index}`}
        role="option"
        aria-selected={selected}
        data-index={index}
        data-testid="search-result"
        data-active={selected || undefined}
        onMouseMove={() => setActive(index)}
        onClick={() => choose(hit)}
        style={{
          display: "flex",
          gap: 12,
          alignItems: "center",
          padding: "8px 12px",
          borderRadius: token.borderRadius,
          cursor: "pointer",
          background: selected ? token.controlItemBgActive : undefined,
        }}
      >
        <span style={{ color: token.colorTextSecondary, flex: "none" }}>{icon}</span>
        <span style={{ minWidth: 0, flex: 1 }}>
          <span style={{ display: "block", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
            <Highlighted text={hit.title} q={showingRecents ? "" : q} />
          </span>
          {hit.subtitle && (
            <Typography.Text type="secondary" style={{ display: "block", fontSize: token.fontSizeSM, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
              <Highlighted text={hit.subtitle} q={showingRecents ? "" : q} />
            </Typography.Text>
          )}
        </span>
      </div>
    );
  };

  const heading = (label: ReactNode, icon?: ReactNode) => (
    <div style={{ padding: "8px 12px 4px", color: token.colorTextSecondary, fontSize: token.fontSizeSM, display: "flex", gap: 6, alignItems: "center" }}>
      {icon}
      {label}
    </div>
  );

  const createSteps = sources.filter((s): s is SearchSource & { create: NonNullable<SearchSource["create"]> } => !!s.create && can(s.create.permission));

  let body: ReactNode;
  if (sources.length === 0) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("common:search.noSources")} />;
  } else if (showingRecents) {
    body =
      recents.length > 0 ? (
        <div role="group" aria-label={t("common:search.recent")} data-testid="search-recents">
          {heading(t("common:search.recent"), <ClockCircleOutlined />)}
          {recents.map((entry, index) => option(entry, index, sourceOf(entry.source)?.icon))}
        </div>
      ) : (
        <div style={{ padding: "24px 12px", color: token.colorTextSecondary, textAlign: "center" }} data-testid="search-recents-empty">
          {t("common:search.noRecent")}
        </div>
      );
  } else if (flat.length === 0 && (pending || typingAhead)) {
    body = (
      <div style={{ padding: 24, textAlign: "center", color: token.colorTextSecondary }}>
        <Spin size="small" /> {t("common:search.searching")}
      </div>
    );
  } else if (flat.length === 0 && failures.length === 0) {
    body = (
      <div style={{ padding: "16px 12px" }} data-testid="search-empty">
        <Typography.Paragraph strong style={{ marginBottom: 8 }}>
          {t("common:search.noResults", { q })}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {t("common:search.searchedIn")}
        </Typography.Paragraph>
        <ul style={{ margin: "0 0 8px", paddingInlineStart: 20, color: token.colorTextSecondary }}>
          {sources.map((source) => (
            <li key={source.key}>{t("common:search.sourceMatches", { label: t(source.labelKey), fields: t(source.matchesKey) })}</li>
          ))}
        </ul>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {queryWords(q).length > 1 ? `${t("common:search.everyWord")} ` : ""}
          {t("common:search.scope")}
        </Typography.Paragraph>
        {createSteps.map((source) => (
          <Button
            key={source.key}
            icon={<PlusOutlined />}
            data-testid={`search-create-${source.key}`}
            onClick={() => {
              onClose();
              navigate(source.create.path, { state: { create: { name: q } } satisfies CreateFromSearch });
            }}
          >
            {t(source.create.labelKey, { name: q })}
          </Button>
        ))}
      </div>
    );
  } else {
    let index = 0;
    body = (
      <>
        {groups.map((group) => (
          <div key={group.source.key} role="group" aria-label={t(group.source.labelKey)} data-testid={`search-group-${group.source.key}`}>
            {heading(t(group.source.labelKey))}
            {group.hits.map((hit) => option(hit, index++, group.source.icon))}
          </div>
        ))}
        {failures.map(({ source, error }) => (
          <Typography.Paragraph key={source.key} type="danger" style={{ padding: "4px 12px", margin: 0 }}>
            {t("common:search.failed", { label: t(source.labelKey), reason: problemText(error) })}
          </Typography.Paragraph>
        ))}
      </>
    );
  }

  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      closable={false}
      title={null}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) input.current?.focus();
      }}
      width={fullScreen ? "100vw" : 640}
      style={fullScreen ? { top: 0, margin: 0, maxWidth: "100vw", paddingBottom: 0 } : { top: 72 }}
      styles={{
        content: fullScreen ? { minHeight: "100dvh", borderRadius: 0, padding: 12 } : { padding: 12 },
      }}
    >
      <div data-testid="search-palette">
        <div style={{ display: "flex", gap: 8, alignItems: "center" }}>
          <Input
            ref={input}
            autoFocus
            size="large"
            allowClear
            prefix={<SearchOutlined style={{ color: token.colorTextTertiary }} />}
            suffix={pending ? <Spin size="small" /> : undefined}
            placeholder={t("common:search.placeholder")}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              if (!(e.nativeEvent as InputEvent).isComposing) setCommitted(e.target.value);
            }}
            onCompositionEnd={(e) => setCommitted(e.currentTarget.value)}
            onKeyDown={onKeyDown}
            role="combobox"
            aria-expanded
            aria-controls="search-listbox"
            aria-activedescendant={items.length > 0 ? `search-option-${active}` : undefined}
            data-testid="search-input"
          />
          {fullScreen && (
            <Button type="text" onClick={onClose} data-testid="search-cancel">
              {t("common:actions.cancel")}
            </Button>
          )}
        </div>
        <div
          ref={list}
          id="search-listbox"
          role="listbox"
          aria-label={t("common:search.title")}
          data-testid="search-listbox"
          style={{ marginTop: 8, overflowY: "auto", maxHeight: fullScreen ? "calc(100dvh - 80px)" : "min(60vh, 520px)" }}
        >
          {body}
        </div>
        {!fullScreen && (
          <div style={{ borderTop: `1px solid ${token.colorSplit}`, marginTop: 8, paddingTop: 8, color: token.colorTextTertiary, fontSize: token.fontSizeSM }}>
            {t("common:search.keys")}
          </div>
        )}
      </div>
    </Modal>
  );
}
