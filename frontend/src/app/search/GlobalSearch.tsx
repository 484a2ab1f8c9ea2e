import { lazy, Suspense, useEffect, useState } from "react";
import { Button, theme } from "antd";
import { SearchOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { withAllTexts } from "../../i18n";

// The palette loads when first wanted (or the pointer nears the box), not with the first page.
// The palette shows every module's texts (its sources' labels), so it loads them with it.
const loadPalette = withAllTexts(() => import("./CommandPalette"));
const CommandPalette = lazy(() => loadPalette().then((m) => ({ default: m.CommandPalette })));

/** ⌘K on Apple keyboards, Ctrl+K elsewhere; both open the palette everywhere. */
function shortcutLabel(): string {
  return /Mac|iPhone|iPad/.test(globalThis.navigator?.userAgent ?? "") ? "⌘K" : "Ctrl K";
}

/** The header's search box (an icon on a phone) and the Ctrl+K / ⌘K shortcut, both opening the palette. */
export function GlobalSearch({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [open, setOpen] = useState(false);
  const [wanted, setWanted] = useState(false);
  const show = () => {
    setWanted(true);
    setOpen(true);
  };

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k") {
        // The browser's own Ctrl+K (search the web from the address bar) gives way inside the app.
        e.preventDefault();
        setWanted(true);
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <>
      {compact ? (
        <Button type="text" icon={<SearchOutlined />} aria-label={t("common:search.open")} data-testid="search-open" onClick={show} />
      ) : (
        <Button
          data-testid="search-open"
          aria-label={t("common:search.open")}
          aria-keyshortcuts="Control+K Meta+K"
          onClick={show}
          onPointerEnter={() => void loadPalette()}
          onFocus={() => void loadPalette()}
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
      {wanted && (
        <Suspense fallback={null}>
          <CommandPalette open={open} onClose={() => setOpen(false)} fullScreen={compact} />
        </Suspense>
      )}
    </>
  );
}
