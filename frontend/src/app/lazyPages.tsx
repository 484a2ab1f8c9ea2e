import { lazy } from "react";

// antd's Result carries its 403/404/500 illustrations; they load when an error page is shown,
// not with the first page. Every use sits under a Suspense (the layout's outlet or its own).
export const ForbiddenPage = lazy(() => import("./ErrorPages").then((m) => ({ default: m.ForbiddenPage })));
export const NotFoundPage = lazy(() => import("./ErrorPages").then((m) => ({ default: m.NotFoundPage })));
export const LoadFailedPage = lazy(() => import("./ErrorPages").then((m) => ({ default: m.LoadFailedPage })));
