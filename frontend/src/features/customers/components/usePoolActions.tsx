import { useState, type ReactNode } from "react";
import { App, Button, Popconfirm, Tooltip, type MenuProps } from "antd";
import { useTranslation } from "react-i18next";
import type { Customer } from "../../../api/types";
import { ApiError } from "../../../api/problem";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import type { RowAction } from "../../../shared/resource/rowActions";
import { useMe, usePermission } from "../../auth/api";
import { blockedReason, ownerSideAccess } from "../access";
import { usePoolMove } from "../api";
import { allowedPoolActions, POOL_ACTION_PERMISSIONS, type PoolAction } from "../pools";
import { ReasonModal } from "./ReasonModal";

const NEEDS_REASON: readonly PoolAction[] = ["release", "invalidate"];
/** The moves only the owner's side may make; a collaborator sees them greyed out with the reason. */
const OWNER_SIDE: readonly PoolAction[] = ["release", "invalidate"];

type MenuItem = NonNullable<MenuProps["items"]>[number];

const ROW_ORDER: readonly PoolAction[] = ["claim", "release", "revalidate", "invalidate"];

/**
 * The pool moves for customers, shared by the list rows and the 360 header: `buttons(customer)`
 * renders the allowed ones, `menuItems(customer)` the same as entries of a "more" menu (a phone's
 * header), `rowActions` the same for the list's row menu, `modal` the reason dialog they open.
 */
export function usePoolActions(options: { size?: "small" | "middle"; link?: boolean } = {}) {
  const { t } = useTranslation();
  const { message, modal: dialogs } = App.useApp();
  const can = usePermission();
  const { data: me } = useMe();
  const onProblem = useProblemHandler();
  const move = usePoolMove();
  const [asking, setAsking] = useState<{ customer: Customer; action: PoolAction } | null>(null);

  const run = (customer: Customer, action: PoolAction, reason?: string) =>
    move.mutate(
      { customer, action, reason },
      {
        onSuccess: () => {
          setAsking(null);
          message.success(t(`customers:pool.done.${action}`, { name: customer.name }));
        },
        onError: (error) => {
          if (error instanceof ApiError && action === "claim" && (error.status === 404 || error.status === 409)) {
            // Someone else was faster; the list has been refreshed to show it.
            setAsking(null);
            return void message.warning(t("customers:pool.claimLost"));
          }
          if (error instanceof ApiError && error.status === 409) {
            setAsking(null);
            return void message.warning(t("customers:pool.changed"));
          }
          onProblem(error);
        },
      },
    );

  /** The moves to offer, each with why it is greyed out (undefined when it may be tried). */
  const allowed = (customer: Customer) =>
    allowedPoolActions(customer.pool, (p) => can(p), me?.data_scope === "all").map((action) => {
      const reason = OWNER_SIDE.includes(action) ? blockedReason(customer, ownerSideAccess(customer, me)) : undefined;
      return { action, blocked: reason ? t(`customers:access.${reason}`) : undefined };
    });

  const buttons = (customer: Customer): ReactNode[] =>
    allowed(customer).map(({ action, blocked }) => {
      const common = {
        size: options.size ?? "small",
        type: options.link ? ("link" as const) : ("default" as const),
        danger: action === "invalidate",
        "data-testid": `customer-${action}`,
      };
      const label = t(`customers:pool.actions.${action}`);
      if (blocked) {
        return (
          <Tooltip key={action} title={blocked}>
            <Button {...common} disabled>
              {label}
            </Button>
          </Tooltip>
        );
      }
      if (NEEDS_REASON.includes(action)) {
        return (
          <Button key={action} {...common} onClick={() => setAsking({ customer, action })}>
            {label}
          </Button>
        );
      }
      return (
        <Popconfirm
          key={action}
          title={t(`customers:pool.confirm.${action}`, { name: customer.name })}
          okText={t("common:confirm.yes")}
          cancelText={t("common:confirm.no")}
          okButtonProps={{ "data-testid": `customer-${action}-ok` }}
          onConfirm={() => run(customer, action)}
        >
          <Button {...common} loading={move.isPending && move.variables?.customer.id === customer.id && move.variables.action === action}>
            {label}
          </Button>
        </Popconfirm>
      );
    });

  // A menu entry cannot hold a popconfirm, so the moves without a reason ask in a dialog instead.
  const menuItems = (customer: Customer): MenuItem[] =>
    allowed(customer).map(({ action, blocked }) => ({
      key: `pool-${action}`,
      danger: action === "invalidate",
      disabled: !!blocked,
      label: <span data-testid={`customer-menu-${action}`}>{t(`customers:pool.actions.${action}`)}</span>,
      extra: blocked,
      onClick: () => {
        if (NEEDS_REASON.includes(action)) return setAsking({ customer, action });
        dialogs.confirm({
          title: t(`customers:pool.confirm.${action}`, { name: customer.name }),
          okText: t("common:confirm.yes"),
          cancelText: t("common:confirm.no"),
          okButtonProps: { "data-testid": `customer-${action}-ok` },
          onOk: () => run(customer, action),
        });
      },
    }));

  const rowActions: RowAction<Customer>[] = ROW_ORDER.map((action) => {
    const offered = (customer: Customer) => allowed(customer).find((a) => a.action === action);
    return {
      key: action,
      label: t(`customers:pool.actions.${action}`),
      permission: POOL_ACTION_PERMISSIONS[action],
      testId: `customer-${action}`,
      danger: action === "invalidate",
      hidden: (customer) => !offered(customer),
      blocked: (customer) => offered(customer)?.blocked,
      ...(NEEDS_REASON.includes(action)
        ? { onClick: (customer: Customer) => setAsking({ customer, action }) }
        : { confirm: (customer: Customer) => t(`customers:pool.confirm.${action}`, { name: customer.name }), onClick: (customer: Customer) => run(customer, action) }),
    };
  });

  const modal = (
    <ReasonModal
      open={!!asking}
      title={asking ? t(`customers:pool.reasonTitle.${asking.action}`, { name: asking.customer.name }) : ""}
      loading={move.isPending}
      onClose={() => setAsking(null)}
      onSubmit={(reason) => asking && run(asking.customer, asking.action, reason)}
    />
  );

  return { buttons, menuItems, rowActions, modal };
}
