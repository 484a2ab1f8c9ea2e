import { useRef } from "react";
import type { FormInstance } from "antd";
import { ApiError, fieldPath } from "../../api/problem";
import { useProblemHandler } from "../hooks/useProblemHandler";

type Path = (string | number)[];

/** The server errors to clear after an edit: those on the edited fields (by their top-level name). */
export function staleServerErrors(tracked: readonly Path[], changed: object): Path[] {
  const edited = new Set(Object.keys(changed));
  return tracked.filter((path) => edited.has(String(path[0])));
}

/**
 * Puts a failed write's field errors on the form and takes each off again as soon as the user
 * edits that field: the server's verdict was on the old value, and a field without client-side
 * rules would otherwise keep it until the next save.
 */
export function useServerFieldErrors(form: FormInstance) {
  const onProblem = useProblemHandler();
  const tracked = useRef<Path[]>([]);

  const onError = (error: unknown) => {
    tracked.current = error instanceof ApiError ? error.problem.errors.map((e) => fieldPath(e.field)).filter((p) => p.length > 0) : [];
    onProblem(error, form);
  };

  const onValuesChange = (changed: object) => {
    const stale = staleServerErrors(tracked.current, changed);
    if (stale.length === 0) return;
    tracked.current = tracked.current.filter((path) => !stale.includes(path));
    form.setFields(stale.map((name) => ({ name, errors: [] })));
  };

  return { onError, onValuesChange };
}
