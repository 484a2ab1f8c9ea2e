import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from "react";
import { createBrowserRouter, type RouteObject } from "react-router-dom";
import { loginRoute } from "../features/auth";
import { AppLayout } from "./AppLayout";
import { ForbiddenPage, NotFoundPage } from "./ErrorPages";
import { FEATURES } from "./features";
import { PageSpinner, RequireAuth, RequirePermission } from "./guards";
import { HomePage } from "./HomePage";
import type { FeatureRoute } from "./registry";

const pages = new Map<FeatureRoute, LazyExoticComponent<ComponentType>>();

function pageOf(route: FeatureRoute): LazyExoticComponent<ComponentType> {
  let page = pages.get(route);
  if (!page) {
    page = lazy(route.load);
    pages.set(route, page);
  }
  return page;
}

function featureRoute(route: FeatureRoute): RouteObject {
  const Page = pageOf(route);
  return {
    path: route.path,
    element: (
      <RequirePermission permission={route.permission}>
        <Page />
      </RequirePermission>
    ),
  };
}

const LoginPage = pageOf(loginRoute);

export const routes: RouteObject[] = [
  {
    path: loginRoute.path,
    element: (
      <Suspense fallback={<PageSpinner />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    path: "/",
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomePage /> },
      ...FEATURES.flatMap((feature) => feature.routes).map(featureRoute),
      { path: "403", element: <ForbiddenPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
