import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { Badge, Button, Dropdown, Grid, Layout, Menu, Segmented, theme, type MenuProps } from "antd";
import { HomeOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useLogout, useMe, useUpdateMe } from "../features/auth/api";
import { PROFILE_PATH } from "../features/profile";
import { LOCALES, type AppLocale } from "../i18n/locale";
import { Text } from "../shared/components/lightweight";
import { FEATURES } from "./features";
import { buildMenu, selectedEntry } from "./menu";
import { useLocale } from "./locale";
import { SuspenseOutlet } from "./guards";
import { RecordTitleProvider, useDocumentTitle } from "./documentTitle";
import { GlobalSearch } from "./search/GlobalSearch";
import { NotificationBell } from "../features/notifications";

const { Header, Sider, Content } = Layout;

// Only phones show the drawer; a desktop does not load it with the first page.
const MenuDrawer = lazy(() => import("./MenuDrawer").then((m) => ({ default: m.MenuDrawer })));

function LanguageSwitch() {
  const { t } = useTranslation();
  const { locale, setLocale } = useLocale();
  const updateMe = useUpdateMe();
  const onChange = (next: AppLocale) => {
    setLocale(next);
    // Saved on the user so the choice follows them to other browsers.
    updateMe.mutate({ locale: next });
  };
  return (
    <Segmented<AppLocale>
      aria-label={t("common:header.language")}
      data-testid="language-switch"
      value={locale}
      onChange={onChange}
      options={LOCALES.map((value) => ({ value, label: t(`common:language.${value}`) }))}
    />
  );
}

function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const logout = useLogout();
  const { token } = theme.useToken();
  const items: MenuProps["items"] = [
    { key: "profile", icon: <UserOutlined />, label: t("common:header.profile") },
    { type: "divider" },
    { key: "logout", icon: <LogoutOutlined />, label: t("common:header.logout"), danger: true },
  ];
  const onClick: MenuProps["onClick"] = ({ key }) => {
    if (key === "profile") navigate(PROFILE_PATH);
    if (key === "logout") logout.mutate(undefined, { onSettled: () => navigate("/login", { replace: true }) });
  };
  const name = me?.display_name || me?.username;
  return (
    <Dropdown menu={{ items, onClick }} trigger={["click"]}>
      <a
        data-testid="user-menu"
        aria-label={t("common:header.userMenu")}
        title={name}
        onClick={(e) => e.preventDefault()}
        style={{ display: "inline-flex", alignItems: "center", gap: 8, minWidth: 0, whiteSpace: "nowrap" }}
      >
        {/* antd's small Avatar, drawn here: Avatar brings Popover (for its groups) to every page. */}
        <span
          aria-hidden
          style={{ flex: "none", display: "inline-flex", alignItems: "center", justifyContent: "center", width: 24, height: 24, borderRadius: "50%", background: token.colorTextPlaceholder, color: token.colorTextLightSolid, fontSize: 14 }}
        >
          <UserOutlined />
        </span>
        {/* One line, cut with an ellipsis: a narrow header must not stack the name a character per line. */}
        <span data-testid="user-name" style={{ overflow: "hidden", textOverflow: "ellipsis", maxWidth: compact ? 72 : 200, lineHeight: "22px" }}>{name}</span>
      </a>
    </Dropdown>
  );
}

/** A menu entry's count (nothing at none); the entry's hook is the same on every render. */
function MenuCount({ useCount, testId }: { useCount: () => number | undefined; testId: string }) {
  const count = useCount() ?? 0;
  return (
    <span data-testid={testId} data-count={count} style={{ marginInlineStart: 8 }}>
      <Badge count={count} overflowCount={99} size="small" />
    </span>
  );
}

const COLLAPSED_KEY = "crm.sider.collapsed";

function readCollapsed(): boolean {
  try {
    return globalThis.localStorage?.getItem(COLLAPSED_KEY) === "1";
  } catch {
    return false;
  }
}

/** The desktop menu's folded state, kept across navigations and reloads. */
function useCollapsed(): [boolean, (next: boolean) => void] {
  const [collapsed, setState] = useState(readCollapsed);
  const setCollapsed = useCallback((next: boolean) => {
    setState(next);
    try {
      globalThis.localStorage?.setItem(COLLAPSED_KEY, next ? "1" : "0");
    } catch {
      // A private window without storage keeps the choice for this page only.
    }
  }, []);
  return [collapsed, setCollapsed];
}

export function AppLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: me } = useMe();
  const [collapsed, setCollapsed] = useCollapsed();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  // Below 768 px the menu is a drawer over the page; until antd has measured, assume a desktop.
  const mobile = screens.md === false;

  const sections = useMemo(() => buildMenu(FEATURES, me?.permissions), [me?.permissions]);
  const items: MenuProps["items"] = [
    { key: "/", icon: <HomeOutlined />, label: t("common:menu.home") },
    ...sections.map((section) => ({
      key: `group:${section.group}`,
      label: t(`common:menu.groups.${section.group}`),
      children: section.entries.map((entry) => ({
        key: entry.path,
        icon: entry.icon,
        label: (
          <span data-testid={`menu-${entry.key}`}>
            {t(entry.labelKey)}
            {entry.useCount && <MenuCount useCount={entry.useCount} testId={`menu-${entry.key}-count`} />}
          </span>
        ),
      })),
    })),
  ];
  const entry = location.pathname === "/" ? undefined : selectedEntry(sections, location.pathname);
  const selected = location.pathname === "/" ? "/" : entry?.path;
  // Pages outside the menu that have a name of their own (the profile, from the user menu).
  const unlisted = location.pathname === "/profile" ? t("common:header.profile") : undefined;
  // A page showing one record names it (`useRecordTitle`): the tab says which customer it is.
  const [recordTitle, setRecordTitle] = useState<string | undefined>(undefined);
  useDocumentTitle(recordTitle ?? (location.pathname === "/" ? t("common:menu.home") : entry ? t(entry.labelKey) : unlisted));

  // A navigation (a menu click, a link, the back button) closes the phone's menu.
  useEffect(() => setDrawerOpen(false), [location.pathname, mobile]);

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      data-testid="side-menu"
      items={items}
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={sections.map((s) => `group:${s.group}`)}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
    />
  );
  const brand = (folded: boolean) => (
    <div style={{ height: 56, display: "flex", alignItems: "center", justifyContent: "center", padding: "0 8px" }}>
      <Text strong style={{ color: "#fff", fontSize: folded ? 14 : 18, whiteSpace: "nowrap" }}>
        {folded ? t("common:app.title") : t("common:app.fullTitle")}
      </Text>
    </div>
  );

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {mobile ? (
        <Suspense fallback={null}>
          <MenuDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)}>
            {brand(false)}
            {menu}
          </MenuDrawer>
        </Suspense>
      ) : (
        <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} theme="dark" width={220}>
          {brand(collapsed)}
          {menu}
        </Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: mobile ? "0 12px" : "0 24px",
            display: "flex",
            alignItems: "center",
            // A phone's header holds seven things (menu, name, search, bell, language, user): tight gaps leave the user's name room.
            gap: mobile ? 8 : 24,
            minWidth: 0,
          }}
        >
          {mobile && (
            <Button type="text" icon={<MenuOutlined />} aria-label={t("common:header.openMenu")} data-testid="menu-toggle" onClick={() => setDrawerOpen(true)} />
          )}
          {mobile && (
            <Text strong style={{ whiteSpace: "nowrap" }}>
              {t("common:app.title")}
            </Text>
          )}
          {!mobile && <GlobalSearch compact={false} />}
          <div style={{ flex: 1 }} />
          {mobile && <GlobalSearch compact />}
          <NotificationBell enabled={!!me} />
          <LanguageSwitch />
          <UserMenu compact={mobile} />
        </Header>
        <Content style={{ margin: mobile ? 12 : 24, minWidth: 0 }}>
          <RecordTitleProvider value={setRecordTitle}>
            <SuspenseOutlet />
          </RecordTitleProvider>
        </Content>
      </Layout>
    </Layout>
  );
}
