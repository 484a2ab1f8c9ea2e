import { useMemo, useState } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { Avatar, Dropdown, Layout, Menu, Segmented, Space, Typography, theme, type MenuProps } from "antd";
import { HomeOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useLogout, useMe, useUpdateMe } from "../features/auth/api";
import { PROFILE_PATH } from "../features/profile";
import { LOCALES, type AppLocale } from "../i18n/locale";
import { FEATURES } from "./features";
import { buildMenu, selectedEntry } from "./menu";
import { useLocale } from "./locale";
import { SuspenseOutlet } from "./guards";

const { Header, Sider, Content } = Layout;

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

function UserMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const logout = useLogout();
  const items: MenuProps["items"] = [
    { key: "profile", icon: <UserOutlined />, label: t("common:header.profile") },
    { type: "divider" },
    { key: "logout", icon: <LogoutOutlined />, label: t("common:header.logout"), danger: true },
  ];
  const onClick: MenuProps["onClick"] = ({ key }) => {
    if (key === "profile") navigate(PROFILE_PATH);
    if (key === "logout") logout.mutate(undefined, { onSettled: () => navigate("/login", { replace: true }) });
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={["click"]}>
      <a data-testid="user-menu" aria-label={t("common:header.userMenu")} onClick={(e) => e.preventDefault()}>
        <Space>
          <Avatar size="small" icon={<UserOutlined />} />
          <span>{me?.display_name || me?.username}</span>
        </Space>
      </a>
    </Dropdown>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: me } = useMe();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();

  const sections = useMemo(() => buildMenu(FEATURES, me?.permissions), [me?.permissions]);
  const items: MenuProps["items"] = [
    { key: "/", icon: <HomeOutlined />, label: t("common:menu.home") },
    ...sections.map((section) => ({
      key: `group:${section.group}`,
      label: t(`common:menu.groups.${section.group}`),
      children: section.entries.map((entry) => ({
        key: entry.path,
        icon: entry.icon,
        label: <span data-testid={`menu-${entry.key}`}>{t(entry.labelKey)}</span>,
      })),
    })),
  ];
  const selected = location.pathname === "/" ? "/" : selectedEntry(sections, location.pathname)?.path;

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {/* Folds to icons below a tablet's width: expanded, the menu takes more than half a phone's screen. */}
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="md" onBreakpoint={setCollapsed} theme="dark" width={220}>
        <div style={{ height: 56, display: "flex", alignItems: "center", justifyContent: "center" }}>
          <Typography.Text strong style={{ color: "#fff", fontSize: collapsed ? 14 : 18 }}>
            {collapsed ? t("common:app.title") : t("common:app.fullTitle")}
          </Typography.Text>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          data-testid="side-menu"
          items={items}
          selectedKeys={selected ? [selected] : []}
          defaultOpenKeys={sections.map((s) => `group:${s.group}`)}
          onClick={({ key }) => navigate(key)}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: "0 24px",
            display: "flex",
            justifyContent: "flex-end",
            alignItems: "center",
            gap: 24,
          }}
        >
          <LanguageSwitch />
          <UserMenu />
        </Header>
        <Content style={{ margin: 24 }}>
          <SuspenseOutlet />
        </Content>
      </Layout>
    </Layout>
  );
}
