import { lazy, Suspense, useState } from "react";
import { Badge, Button } from "antd";
import { BellOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { withAllTexts } from "../../../i18n";
import { useUnreadCount } from "../api";

// The list loads when first opened, not with the first page.
// The list names records of every module, so it loads every module's texts with it.
const loadDrawer = withAllTexts(() => import("./NotificationDrawer"));
const NotificationDrawer = lazy(() => loadDrawer().then((m) => ({ default: m.NotificationDrawer })));

/** The header's bell: the unread count, polled every 30 s, and the drawer listing them. */
export function NotificationBell({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [wanted, setWanted] = useState(false);
  const unread = useUnreadCount(enabled);
  const count = unread.data ?? 0;
  const show = () => {
    setWanted(true);
    setOpen(true);
    // The number catches up at once instead of at the next poll.
    void unread.refetch();
  };
  return (
    <>
      <Badge count={count} overflowCount={99} size="small" offset={[-4, 4]}>
        <Button
          type="text"
          shape="circle"
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          data-testid="notification-bell"
          data-count={count}
          aria-label={count > 0 ? t("common:header.notificationsWithCount", { count }) : t("common:header.notifications")}
          title={t("common:header.notifications")}
          onClick={show}
          onPointerEnter={() => void loadDrawer()}
          onFocus={() => void loadDrawer()}
        />
      </Badge>
      {wanted && (
        <Suspense fallback={null}>
          <NotificationDrawer open={open} onClose={() => setOpen(false)} unreadCount={count} />
        </Suspense>
      )}
    </>
  );
}
