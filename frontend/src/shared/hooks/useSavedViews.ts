import { startTransition, useEffect, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import type { CreateSavedView, SavedView, SavedViewResource, UpdateSavedView } from "../../api/types";
import { openingView, sameViewState, sortViews, type ViewState } from "../savedViews";

export const savedViewKeys = {
  all: ["saved-views"] as const,
  list: (resource: SavedViewResource) => ["saved-views", resource] as const,
};

/** The signed-in user's views of one list page. */
export function useSavedViewList(resource: SavedViewResource) {
  return useQuery({
    queryKey: savedViewKeys.list(resource),
    queryFn: () => unwrap(api.GET("/api/v1/saved-views", { params: { query: { resource } } })).then((list) => list.items),
    staleTime: 60_000,
    // The list page waits for this answer before loading its rows; a failure should not hold it up.
    retry: false,
  });
}

// Setting a default clears the others' (and moves their versions), so every change reloads the
// list; the mutation settles only once the list is fresh.
function useSavedViewMutation<V, R>(mutationFn: (value: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: savedViewKeys.all }) });
}

export function useCreateSavedView() {
  return useSavedViewMutation((body: CreateSavedView) => unwrap(api.POST("/api/v1/saved-views", { body })));
}

export function useUpdateSavedView() {
  return useSavedViewMutation(({ view, patch }: { view: SavedView; patch: UpdateSavedView }) =>
    unwrap(api.PATCH("/api/v1/saved-views/{id}", { params: { path: { id: view.id }, header: ifMatch(view.version) }, body: patch })),
  );
}

export function useDeleteSavedView() {
  return useSavedViewMutation((view: SavedView) =>
    unwrap(api.DELETE("/api/v1/saved-views/{id}", { params: { path: { id: view.id }, header: ifMatch(view.version) } })),
  );
}

export type SavedViewsOptions = {
  /** The list page, as the API names it: customers, interactions, products, suppliers. */
  resource: SavedViewResource;
  /** The view the page shows now (from its URL), or null. */
  activeId: string | null;
  /**
   * The page was opened asking for something of its own (filters in the URL): no default view
   * then, and a view the URL names is resumed rather than applied.
   */
  explicit: boolean;
  /** What the page shows now; "save" stores it. */
  current: ViewState;
  /** Shows a view (its query and columns) or, with null, the plain list; also records it as the active one. */
  onSelect: (view: SavedView | null) => void;
  /**
   * Records the view an explicit URL names as the active one (and shows its columns) while the
   * page keeps the query the URL holds; with null, the named view is gone and no longer active.
   */
  onResume: (view: SavedView | null) => void;
  /** The page state a view leads to, for telling whether the user has changed it since. Defaults to the view's own. */
  describe?: (view: SavedView) => ViewState;
};

export type SavedViews = {
  resource: SavedViewResource;
  /** The user's views of the page, the default one first. */
  views: SavedView[];
  loading: boolean;
  active: SavedView | undefined;
  /** The active view's filters or columns were changed since it was applied. */
  modified: boolean;
  current: ViewState;
  select: (view: SavedView | null) => void;
  /**
   * False until the page knows which view it opens with, so it can hold its list request rather
   * than load the unfiltered list first.
   */
  ready: boolean;
};

/**
 * Saved views of a list page: loads them, opens the page with the view its URL names or the
 * user's default one, and tells whether the page still shows the active view.
 */
export function useSavedViews({ resource, activeId, explicit, current, onSelect, onResume, describe }: SavedViewsOptions): SavedViews {
  const list = useSavedViewList(resource);
  const [started, setStarted] = useState(false);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const onResumeRef = useRef(onResume);
  onResumeRef.current = onResume;
  const explicitAtStart = useRef(explicit);
  const activeAtStart = useRef(activeId);

  // Only once, when the views are known: later changes of the URL or the list are the user's doing.
  useEffect(() => {
    if (started || list.isPending) return;
    const views = list.data ?? [];
    const opening = openingView(views, activeAtStart.current, explicitAtStart.current);
    // One transition: a page that keeps its list in the URL shows the view through the router,
    // which renders in a transition, and `ready` must not turn true (loading the plain list) first.
    startTransition(() => {
      if (opening?.action === "resume") onResumeRef.current(opening.view);
      else if (opening) onSelectRef.current(opening.view);
      setStarted(true);
    });
  }, [started, list.isPending, list.data]);

  const views = sortViews(list.data ?? []);
  const active = activeId ? views.find((v) => v.id === activeId) : undefined;
  const described = active ? (describe ? describe(active) : { query: active.query, columns: active.columns }) : undefined;
  // Nothing to wait for when the page asks for its own filters and names no view.
  const ready = started || (explicitAtStart.current && !activeAtStart.current);

  return {
    resource,
    views,
    loading: list.isFetching,
    active,
    modified: !!described && !sameViewState(described, current),
    current,
    select: onSelect,
    ready,
  };
}
