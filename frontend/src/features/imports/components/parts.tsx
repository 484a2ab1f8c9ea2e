import { useRef, useState, type ReactNode } from "react";
import { theme, Typography } from "antd";

// Light stand-ins for antd's Upload and Progress: the wizard needs only a drop target and a bar.
// (The first page's budget, e2e/first-page-size.spec.ts, is nearly full, and what lazy chunks
// share can be merged by the bundler into a chunk the first page loads; the drop zone's icon is
// one the menu already loads for the same reason.)

/** A drop target that is also a button opening the file picker; hands over the first file. */
export function DropZone({ accept, onFile, testId, children }: { accept: string; onFile: (file: File) => void; testId: string; children: ReactNode }) {
  const { token } = theme.useToken();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <div
      role="button"
      tabIndex={0}
      data-testid={testId}
      onClick={() => input.current?.click()}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          input.current?.click();
        }
      }}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file) onFile(file);
      }}
      style={{
        border: `1px dashed ${over ? token.colorPrimary : token.colorBorder}`,
        borderRadius: token.borderRadiusLG,
        background: token.colorFillAlter,
        padding: "24px 16px",
        textAlign: "center",
        cursor: "pointer",
      }}
    >
      <input
        ref={input}
        type="file"
        accept={accept}
        style={{ display: "none" }}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          // The same file chosen again (fixed on disk) is read again.
          e.target.value = "";
        }}
      />
      {children}
    </div>
  );
}

/** A progress bar with its percentage (or a label). */
export function Bar({ percent, status, label, testId }: { percent: number; status: "active" | "success" | "exception"; label?: string; testId?: string }) {
  const { token } = theme.useToken();
  const color = status === "exception" ? token.colorError : status === "success" ? token.colorSuccess : token.colorPrimary;
  return (
    <div style={{ display: "flex", alignItems: "center", gap: 8 }} data-testid={testId} role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
      <div style={{ flex: 1, height: 8, borderRadius: 4, background: token.colorFillSecondary, overflow: "hidden" }}>
        <div style={{ width: `${Math.max(0, Math.min(100, percent))}%`, height: "100%", background: color, transition: "width 0.3s" }} />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap" }}>
        {label ?? `${percent}%`}
      </Typography.Text>
    </div>
  );
}
