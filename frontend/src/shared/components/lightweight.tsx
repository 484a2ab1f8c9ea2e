import { useRef, useState, type CSSProperties, type HTMLAttributes, type ReactNode } from "react";
import { Tooltip, theme } from "antd";

// What the first pages (login, the signed-in shell, the workbench) show of antd's Typography and
// Card, drawn with antd's theme tokens. Typography brings its editable and copyable parts (with
// Input and TextArea) and Card brings Tabs (with their menu and dropdown): ~30 kB gzipped that the
// first page of every session would load for a heading, some text and a framed box. Later pages
// keep using antd's own components.

type DataAttributes = { [key: `data-${string}`]: string | number | undefined };

type TextProps = DataAttributes & {
  children?: ReactNode;
  type?: "secondary";
  strong?: boolean;
  /** One line cut with an ellipsis; with a tooltip, the full text shows on hover when it is cut. */
  ellipsis?: boolean | { tooltip?: ReactNode };
  style?: CSSProperties;
};

/** Like antd's Typography.Text for secondary, strong and one-line text. */
export function Text({ children, type, strong, ellipsis, style, ...rest }: TextProps) {
  const { token } = theme.useToken();
  const ref = useRef<HTMLSpanElement>(null);
  const [open, setOpen] = useState(false);
  const css: CSSProperties = {
    color: type === "secondary" ? token.colorTextDescription : token.colorText,
    fontWeight: strong ? token.fontWeightStrong : undefined,
    wordBreak: "break-word",
    ...(ellipsis ? { display: "inline-block", maxWidth: "100%", overflow: "hidden", whiteSpace: "nowrap", textOverflow: "ellipsis", verticalAlign: "bottom" } : null),
    ...style,
  };
  const text = (
    <span ref={ref} style={css} {...rest}>
      {children}
    </span>
  );
  const tooltip = typeof ellipsis === "object" ? ellipsis.tooltip : undefined;
  if (!tooltip) return text;
  const cut = () => !!ref.current && ref.current.scrollWidth > ref.current.clientWidth;
  return (
    <Tooltip title={tooltip} open={open} onOpenChange={(next) => setOpen(next && cut())}>
      {text}
    </Tooltip>
  );
}

/** Like antd's Typography.Title at level 3 (the page headings), without its bottom margin. */
export function Title({ children, style, ...rest }: DataAttributes & { children?: ReactNode; style?: CSSProperties }) {
  const { token } = theme.useToken();
  return (
    <h3
      style={{
        margin: 0,
        color: token.colorTextHeading,
        fontWeight: token.fontWeightStrong,
        fontSize: token.fontSizeHeading3,
        lineHeight: token.lineHeightHeading3,
        ...style,
      }}
      {...rest}
    >
      {children}
    </h3>
  );
}

type PanelProps = DataAttributes &
  Omit<HTMLAttributes<HTMLDivElement>, "title"> & {
    title?: ReactNode;
    extra?: ReactNode;
    size?: "small" | "default";
    children?: ReactNode;
  };

/** Like antd's Card with an optional title and extra (no tabs, covers or actions). */
export function Panel({ title, extra, size = "default", children, style, ...rest }: PanelProps) {
  const { token } = theme.useToken();
  const small = size === "small";
  const border = `${token.lineWidth}px ${token.lineType} ${token.colorBorderSecondary}`;
  const padding = small ? token.paddingSM : token.paddingLG;
  return (
    <div
      style={{
        boxSizing: "border-box",
        display: "flex",
        flexDirection: "column",
        background: token.colorBgContainer,
        border,
        borderRadius: token.borderRadiusLG,
        color: token.colorText,
        fontSize: token.fontSize,
        lineHeight: token.lineHeight,
        ...style,
      }}
      {...rest}
    >
      {(title || extra) && (
        <div
          style={{
            boxSizing: "border-box",
            display: "flex",
            alignItems: "center",
            gap: token.marginXS,
            minHeight: small ? 38 : 56,
            padding: `0 ${padding}px`,
            borderBottom: border,
            color: token.colorTextHeading,
            fontWeight: token.fontWeightStrong,
            fontSize: small ? token.fontSize : token.fontSizeLG,
          }}
        >
          <div style={{ flex: 1, minWidth: 0, overflow: "hidden", whiteSpace: "nowrap", textOverflow: "ellipsis" }}>{title}</div>
          {extra && <div style={{ flex: "none", fontWeight: "normal", fontSize: token.fontSize, color: token.colorText }}>{extra}</div>}
        </div>
      )}
      <div style={{ padding, flex: 1 }}>{children}</div>
    </div>
  );
}
