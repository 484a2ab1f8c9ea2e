import type { ReactNode } from "react";
import { Drawer } from "antd";

/** The phone's menu, sliding in from the left. */
export function MenuDrawer({ open, onClose, children }: { open: boolean; onClose: () => void; children: ReactNode }) {
  return (
    <Drawer
      placement="left"
      open={open}
      onClose={onClose}
      closable={false}
      width={260}
      styles={{ body: { padding: 0, background: "#001529" } }}
      data-testid="menu-drawer"
    >
      {children}
    </Drawer>
  );
}
