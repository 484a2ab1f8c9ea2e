/** The follow-up form's chunk: loaded when a rep first points at or opens a follow-up, not with the workbench. */
export const loadQuickFollowUp = () => import("./QuickFollowUpModal");
