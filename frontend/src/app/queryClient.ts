import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "../api/problem";

/** The app's one query cache (App.tsx provides it; router.tsx asks for /me with it before the first render). */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (403, 404, ...) will not change on a retry.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});
