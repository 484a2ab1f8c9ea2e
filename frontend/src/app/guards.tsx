import { Suspense, type ReactNode } from "react";
import { Navigate, Outlet, useLocation } from "react-router-dom";
import { Spin } from "antd";
import { hasSession } from "../api/session";
import { useMe } from "../features/auth/api";
import type { PermissionCode } from "../api/types";
import { hasPermission } from "../shared/permissions";
import { ForbiddenPage, LoadFailedPage } from "./lazyPages";
import { useUserLocale } from "./locale";

export function PageSpinner() {
  return (
    <div style={{ padding: 48, textAlign: "center" }}>
      <Spin size="large" />
    </div>
  );
}

/** Signed-in area: without a session go to /login; wait for /me before showing anything. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useMe();
  useUserLocale(me.data?.locale);
  if (!hasSession()) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.isPending) return <PageSpinner />;
  if (me.isError) {
    return (
      <Suspense fallback={<PageSpinner />}>
        <LoadFailedPage error={me.error} onRetry={() => void me.refetch()} />
      </Suspense>
    );
  }
  return <>{children}</>;
}

/** Shows the 403 page in place when the signed-in user lacks the page's permission. */
export function RequirePermission({ permission, children }: { permission: PermissionCode | undefined; children: ReactNode }) {
  const me = useMe();
  if (!hasPermission(me.data?.permissions, permission)) return <ForbiddenPage />;
  return <>{children}</>;
}

export function SuspenseOutlet() {
  return (
    <Suspense fallback={<PageSpinner />}>
      <Outlet />
    </Suspense>
  );
}
