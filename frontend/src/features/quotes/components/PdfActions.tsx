import { useEffect, useState } from "react";
import { App, Button, Grid, Modal, Select, Space } from "antd";
import { DownloadOutlined, EyeOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { saveBlob } from "../../../api/client";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { fetchDocPdf, pdfLanguageOf, type PdfLanguage, type PrintableKind } from "../api";
import { DOC_KINDS } from "../docKinds";

/**
 * A quote's or a contract's PDF: a language (the UI's by default), a preview in a modal (fetched
 * with the user's token as a blob and shown from a blob: URL, revoked on close) and a download
 * named `<number>.pdf`. The texts are the sales documents' (`quotes:pdf.*`).
 */
export function PdfActions({ kind, doc }: { kind: PrintableKind; doc: { id: string; number: string } }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const [lang, setLang] = useState<PdfLanguage>(pdfLanguageOf(i18n.language));
  const [preview, setPreview] = useState<string | null>(null);
  const [loading, setLoading] = useState<"preview" | "download" | null>(null);
  // Under 576 px the group would run past the screen ("PDF preview" is long): the buttons keep their icons only.
  const narrow = Grid.useBreakpoint().sm === false;
  const testId = DOC_KINDS[kind].testId;

  useEffect(() => setLang(pdfLanguageOf(i18n.language)), [i18n.language]);
  // The blob URL lives while the preview is open.
  useEffect(() => (preview ? () => URL.revokeObjectURL(preview) : undefined), [preview]);

  const open = async () => {
    setLoading("preview");
    try {
      const blob = await fetchDocPdf(kind, doc.id, lang, false);
      setPreview(URL.createObjectURL(new Blob([blob], { type: "application/pdf" })));
    } catch (error) {
      onProblem(error);
    } finally {
      setLoading(null);
    }
  };
  const download = async () => {
    setLoading("download");
    try {
      const blob = await fetchDocPdf(kind, doc.id, lang, true);
      const filename = `${doc.number}.pdf`;
      saveBlob({ blob: new Blob([blob], { type: "application/pdf" }), filename });
      message.success(t("common:messages.downloaded", { name: filename }));
    } catch (error) {
      onProblem(error);
    } finally {
      setLoading(null);
    }
  };

  return (
    <>
      <Space.Compact>
        <Select<PdfLanguage>
          value={lang}
          onChange={setLang}
          style={{ width: 96 }}
          aria-label={t("quotes:pdf.language")}
          options={[
            { value: "zh", label: t("quotes:pdf.zh") },
            { value: "en", label: t("quotes:pdf.en") },
          ]}
          data-testid={`${testId}-pdf-lang`}
        />
        <Button icon={<EyeOutlined />} loading={loading === "preview"} onClick={() => void open()} title={t("quotes:pdf.preview")} aria-label={t("quotes:pdf.preview")} data-testid={`${testId}-pdf-preview`}>
          {narrow ? null : t("quotes:pdf.preview")}
        </Button>
        <Button icon={<DownloadOutlined />} loading={loading === "download"} onClick={() => void download()} title={t("quotes:pdf.download")} aria-label={t("quotes:pdf.download")} data-testid={`${testId}-pdf-download`}>
          {narrow ? null : t("quotes:pdf.download")}
        </Button>
      </Space.Compact>
      <Modal
        open={!!preview}
        title={`${doc.number}.pdf`}
        onCancel={() => setPreview(null)}
        footer={null}
        width="min(1000px, 96vw)"
        style={{ top: 16 }}
        destroyOnHidden
      >
        {preview && <iframe src={preview} title={`${doc.number}.pdf`} style={{ width: "100%", height: "80vh", border: 0 }} data-testid={`${testId}-pdf-frame`} />}
      </Modal>
    </>
  );
}
