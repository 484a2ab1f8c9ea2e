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

/**
 * Like antd's Empty with its simple image: the picture and a line of text. antd's own brings its
 * styles and colour maths (~2 kB gzipped) to the first page for the workbench's empty cards.
 */
export function EmptyNote({ description, style, ...rest }: DataAttributes & { description: ReactNode; style?: CSSProperties }) {
  const { token } = theme.useToken();
  return (
    <div style={{ textAlign: "center", margin: `${token.marginXS}px 0`, color: token.colorTextDescription, fontSize: token.fontSize, lineHeight: token.lineHeight, ...style }} {...rest}>
      <svg width="64" height="41" viewBox="0 0 64 41" aria-hidden="true" style={{ display: "block", margin: `0 auto ${token.marginXS}px` }}>
        <g transform="translate(0 1)" fill="none" fillRule="evenodd">
          <ellipse fill={token.colorFillTertiary} cx="32" cy="33" rx="32" ry="7" />
          <g fillRule="nonzero" stroke={token.colorBorder}>
            <path d="M55 12.76L44.854 1.258C44.367.474 43.656 0 42.907 0H21.093c-.749 0-1.46.474-1.947 1.257L9 12.761V22h46v-9.24z" />
            <path
              d="M41.613 15.931c0-1.605.994-2.93 2.227-2.931H55v18.137C55 33.26 53.68 35 52.05 35h-40.1C10.32 35 9 33.259 9 31.137V13h11.16c1.233 0 2.227 1.323 2.227 2.928v.022c0 1.605 1.005 2.901 2.237 2.901h14.752c1.232 0 2.237-1.308 2.237-2.913v-.007z"
              fill={token.colorFillQuaternary}
            />
          </g>
        </g>
      </svg>
      {description}
    </div>
  );
}
