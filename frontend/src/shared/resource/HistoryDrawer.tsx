import { Drawer, Grid } from "antd";
import { useTranslation } from "react-i18next";
import { ChangeHistory, type HistoryReading } from "./ChangeHistory";

/** Wide enough for the time, actor, action and fields columns; a phone gets the whole screen. */
const DRAWER_WIDTH = 720;

type Props = HistoryReading & {
  open: boolean;
  onClose: () => void;
  /** The entity as the audit log names it (`users`, `product_categories`…). */
  entity: string;
  entityId: string;
  /** The record's name, for the title. */
  name: string;
  /** The resource's cache name, when it differs from the entity's (`product-categories`). */
  cacheName?: string;
  testId?: string;
};

/**
 * One record's change history in a drawer, for records without a page of their own (a list row's
 * "History"). The history is read when the drawer opens and dropped when it closes.
 */
export function HistoryDrawer({ open, onClose, entity, entityId, name, cacheName, testId, ...reading }: Props) {
  const { t } = useTranslation();
  // Under antd's `sm` (576 px) the drawer takes the whole width.
  const wide = Grid.useBreakpoint().sm ?? true;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t("common:history.drawerTitle", { name })}
      width={wide ? DRAWER_WIDTH : "100%"}
      destroyOnHidden
      data-testid={testId ?? "history-drawer"}
      styles={{ body: { padding: wide ? 24 : 12 } }}
    >
      {open && <ChangeHistory entity={entity} entityId={entityId} cacheName={cacheName} compact {...reading} />}
    </Drawer>
  );
}
