import { useEffect, useState } from "react";
import { Button, theme } from "antd";
import { SearchOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { CommandPalette } from "./CommandPalette";

/** ⌘K on Apple keyboards, Ctrl+K elsewhere; both open the palette everywhere. */
function shortcutLabel(): string {
  return /Mac|iPhone|iPad/.test(globalThis.navigator?.userAgent ?? "") ? "⌘K" : "Ctrl K";
}

/** The header's search box (an icon on a phone) and the Ctrl+K / ⌘K shortcut, both opening the palette. */
export function GlobalSearch({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k") {
        // The browser's own Ctrl+K (search the web from the address bar) gives way inside the app.
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <>
      {compact ? (
        <Button type="text" icon={<SearchOutlined />} aria-label={t("common:search.open")} data-testid="search-open" onClick={() => setOpen(true)} />
      ) : (
        <Button
          data-testid="search-open"
          aria-label={t("common:search.open")}
          aria-keyshortcuts="Control+K Meta+K"
          onClick={() => setOpen(true)}
          style={{ width: 300, maxWidth: "100%", justifyContent: "space-between", color: token.colorTextPlaceholder, fontWeight: "normal" }}
        >
          <span style={{ display: "inline-flex", gap: 8, overflow: "hidden", textOverflow: "ellipsis" }}>
            <SearchOutlined />
            {t("common:search.trigger")}
          </span>
          <kbd
            style={{
              fontFamily: "inherit",
              fontSize: token.fontSizeSM,
              border: `1px solid ${token.colorBorder}`,
              borderRadius: 4,
              padding: "0 4px",
              lineHeight: "18px",
              color: token.colorTextTertiary,
            }}
          >
            {shortcutLabel()}
          </kbd>
        </Button>
      )}
      <CommandPalette open={open} onClose={() => setOpen(false)} fullScreen={compact} />
    </>
  );
}
