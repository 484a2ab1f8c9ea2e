import type { ReactNode } from "react";
import { Form } from "antd";

type Path = (string | number)[];

function valueAt(values: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], values);
}

/**
 * Renders with the form's value at `path`, again whenever it changes. Form.useWatch would, but a
 * step's path changes as the steps move, which useWatch does not follow.
 */
export function Watching({ path, children }: { path: Path; children: (value: unknown) => ReactNode }) {
  return (
    <Form.Item noStyle shouldUpdate={(before, after) => valueAt(before, path) !== valueAt(after, path)}>
      {({ getFieldValue }) => children(getFieldValue(path))}
    </Form.Item>
  );
}
