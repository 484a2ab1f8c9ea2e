import { Component, Suspense, type ErrorInfo, type ReactNode } from "react";
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
  useUserLocale(me.data?.id, me.data?.locale);
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

type BoundaryProps = { children: ReactNode; /** A new value clears a failure (the outlet passes the path). */ resetKey?: string };
type BoundaryState = { error: unknown; resetKey?: string };

/**
 * A page that fails to render (most often: its chunk could not be fetched, say after a deploy)
 * shows the load-failed page with a reload, in place of the page, instead of a blank window.
 */
export class PageErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  state: BoundaryState = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Suspense fallback={<PageSpinner />}>
        <LoadFailedPage error={this.state.error} onRetry={() => window.location.reload()} />
      </Suspense>
    );
  }
}

export function SuspenseOutlet() {
  const location = useLocation();
  // Moving to another page leaves a failed one behind.
  return (
    <PageErrorBoundary resetKey={location.pathname}>
      <Suspense fallback={<PageSpinner />}>
        <Outlet />
      </Suspense>
    </PageErrorBoundary>
  );
}
